namespace PartnerPortal.Web.Pages;

/// <summary>Status pages. Re-executed for any method, so it takes no antiforgery token and changes nothing.</summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    /// <summary>For a 400 raised by <see cref="RequestGuard"/>: the fields whose values could not be read.</summary>
    public IReadOnlyList<string> UnreadableFields { get; private set; } = [];

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // After an exception the handler has set the status (500, or 503 when the database is out of reach). A re-executed
        // post whose form cannot be read at all (too many fields, too large a body) binds no code: its status says it.
        Code = code is >= 400 and <= 599 ? code.Value : Response.StatusCode is >= 400 and <= 599 ? Response.StatusCode : 500;
        if (Code == 503) Response.Headers.RetryAfter = "30";
        UnreadableFields = HttpContext.Items[RequestGuard.UnreadableFieldsKey] as IReadOnlyList<string> ?? [];
        var retryAfter = Response.Headers.RetryAfter.ToString();
        (Heading, Explanation) = Code switch
        {
            403 => ("You don't have access to this page", "Your access type or permissions in this account do not include it. A Super Admin of the account can give you access."),
            423 => ("This account is suspended", "The operator of this installation suspended it. Nothing in it is deleted, and nobody can act in it until they reactivate it; ask them why."),
            404 => ("We couldn't find that page", "The account or page may not exist, or the link may be mistyped."),
            400 => ("That request could not be read", "Go back, reload the page and try again. A file to upload may weigh at most 2 MB."),
            413 => ("That is more than this page accepts", "Go back and send less: a file to upload may weigh at most 2 MB."),
            405 => ("That action isn't available here", "Use the buttons on the page."),
            429 => ("Too many attempts", retryAfter.Length > 0
                ? $"Please wait {retryAfter} seconds, then try again."
                : "Please wait a minute, then try again."),
            503 => ("Partner Portal is briefly unavailable", "We can't reach the database right now. Nothing was changed; try again in a minute."),
            _ => ("Something went wrong on our side", "The problem was logged. Try again in a moment."),
        };
    }
}
