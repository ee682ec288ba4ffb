using System.Text.Json;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O5: a setting the app cannot start with. Its message is one line that names the setting and says how to fix it; the
/// app writes it to standard error, without a stack trace, and exits with code 1 (<see cref="Report"/>).
/// </summary>
public sealed class StartupProblemException(string message) : Exception(message)
{
    public const int ExitCode = 1;

    /// <summary>
    /// The one line for an exception the app met while starting, or null for one that is a defect (then it is thrown on):
    /// a <see cref="StartupProblemException"/>, a failed options validation, or a setting that is not of its type.
    /// </summary>
    public static string? Explain(Exception e) => e switch
    {
        StartupProblemException problem => problem.Message,
        Microsoft.Extensions.Options.OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        InvalidOperationException { Message: var m } when m.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            m.TrimEnd('.') + ": correct that setting.",
        AggregateException { InnerExceptions: [var only] } => Explain(only),
        _ => null,
    };

    /// <summary>Writes the one line: plain text, or a JSON object like every other event when <c>Serilog:Format</c> is json.</summary>
    public static int Report(string message, bool json, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var line = message.ReplaceLineEndings(" ");
        error.WriteLine(json
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["@t"] = DateTimeOffset.UtcNow.ToString("O"), ["@l"] = "Fatal", ["@m"] = line })
            : "Partner Portal cannot start: " + line);
        error.Flush();
        return ExitCode;
    }
}
