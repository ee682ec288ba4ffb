namespace PartnerPortal.Web.Pages.Components;

/// <summary>The account switcher in the header of every signed-in page; the account shown is remembered as recent.</summary>
public sealed class AccountSwitcherViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? currentHubId)
    {
        var menu = (await mediator.Send(new AccountSwitcher.Query(currentHubId, RecentAccounts.Read(Request)), HttpContext.RequestAborted)).Value!;
        // Only an account the user is in, and only on a page that was shown (an error page names no account).
        if (menu.Find(currentHubId) is not null && HttpContext.Response.StatusCode == StatusCodes.Status200OK)
            RecentAccounts.Remember(HttpContext, currentHubId!.Value);
        return View((menu, currentHubId));
    }
}
