using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.Web.Api;

/// <summary>
/// B8: how the API answers — a handler's <see cref="Result{T}"/> becomes the value (200) or an RFC 9457 problem: 400 with the
/// errors by field for input a validator refused, 409 for a refusal by a rule (its message), 403 (423 when the account is
/// suspended) and 404. The pages read the same results (<see cref="PageResults"/>); only the rendering differs.
/// </summary>
public static class ApiResults
{
    public const string ProblemJson = "application/problem+json";

    public static IResult From<T, TBody>(Result<T> result, Func<T, TBody> body)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(body);
        return result.Succeeded ? TypedResults.Ok(body(result.Value)) : Failure(result);
    }

    /// <summary>A change whose answer is no more than its success: 204.</summary>
    public static IResult NoContent<T>(Result<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? TypedResults.NoContent() : Failure(result);
    }

    public static IResult Failure(IHandlerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            ResultStatus.Invalid => TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => Field(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "The request has invalid fields", type: "https://partnerportal.example/problems/invalid"),
            ResultStatus.Refused => Problem(StatusCodes.Status409Conflict, "Refused", result.Message ?? "That was refused."),
            ResultStatus.Forbidden => PageResults.ForbiddenStatus(result) == StatusCodes.Status423Locked
                ? Problem(StatusCodes.Status423Locked, "Account suspended", Infrastructure.Failure.SuspendedMessage)
                : Problem(StatusCodes.Status403Forbidden, "Forbidden", result.Message ?? "You may not do that in this account."),
            ResultStatus.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", "There is no such thing for you."),
            ResultStatus.PreconditionFailed => Problem(StatusCodes.Status412PreconditionFailed, "Changed since read", result.Message ?? IfMatchBehavior<object, object>.Changed),
            _ => throw new InvalidOperationException("A success is not a failure."),
        };
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://partnerportal.example/problems/{status}");

    /// <summary>A problem written straight to the response (authentication's challenge, outside an endpoint).</summary>
    public static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Problem(status, title, detail).ExecuteAsync(context);
    }

    /// <summary>An account's version as an ETag (a strong one: the version is the account's concurrency token).</summary>
    public static string ETagOf(long version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an <c>If-Match</c> names: none (absent or *), the version, or unreadable (a 400).</summary>
    public static bool TryIfMatch(HttpRequest request, out long? version)
    {
        ArgumentNullException.ThrowIfNull(request);
        version = null;
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return true;
        var text = header.Trim();
        if (text.Length > 2 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }
        return false;
    }

    public static IResult BadIfMatch() =>
        Problem(StatusCodes.Status400BadRequest, "Bad If-Match", "If-Match takes the ETag of what you read, such as \"42\", or *.");

    /// <summary>A field as the API's JSON names it: camelCase, the form's prefix ("Data.") dropped.</summary>
    private static string Field(string field)
    {
        var name = field.Contains('.', StringComparison.Ordinal) ? field[(field.LastIndexOf('.') + 1)..] : field;
        return name.Length == 0 ? "" : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
