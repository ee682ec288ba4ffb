using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnerPortal.Web.Pages;

/// <summary>Status pages. Re-executed for any method, so it takes no antiforgery token and changes nothing.</summary>
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? 500;
        (Heading, Explanation) = Code switch
        {
            403 => ("You don't have access to this page", "Your access type or permissions in this account do not include it. A Super Admin of the account can give you access."),
            404 => ("We couldn't find that page", "The account or page may not exist, or the link may be mistyped."),
            400 => ("That request could not be read", "Go back, reload the page and try again."),
            405 => ("That action isn't available here", "Use the buttons on the page."),
            _ => ("Something went wrong on our side", "The problem was logged. Try again in a moment."),
        };
    }
}
