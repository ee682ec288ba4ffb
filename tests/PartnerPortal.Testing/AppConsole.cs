using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Testing;

/// <summary>O1: the app's console as its operator reads it — where the one-time setup link is printed, and only there.</summary>
public sealed partial class AppConsole
{
    private readonly StringWriter _text = new();

    /// <summary>Makes the app write its console lines (the setup link) here.</summary>
    public void Register(IServiceCollection services) => services.AddSingleton(new FirstRun.Console(TextWriter.Synchronized(_text)));

    [GeneratedRegex(@"/setup/[A-Za-z0-9_-]{43}")]
    private static partial Regex SetupLink();

    /// <summary>The setup link's path, once the started app has printed it (waits up to 10 s).</summary>
    public async Task<string> SetupLinkAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (SetupLink().Match(_text.ToString()) is { Success: true } found) return found.Value;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("No setup link on the console: " + _text);
    }
}
