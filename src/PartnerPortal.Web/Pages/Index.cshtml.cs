using PartnerPortal.Web.Pages.Components;

namespace PartnerPortal.Web.Pages;

/// <summary>The start page sends you to your first account (partner accounts first, then those opened lately), or to the list of them all; a
/// Partner Access reviewer without accounts to the review queue.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The switcher only lists the user's own memberships: it has no refusal to give.
        var menu = (await mediator.Send(new AccountSwitcher.Query(Recent: RecentAccounts.Read(Request)), ct)).Value!;
        if (menu.Accounts.Count > 0) return RedirectToPage("/Accounts/Home", new { hubId = menu.Accounts[0].HubId });
        // In many client accounts and none opened yet: the list of all of them.
        if (menu.More) return RedirectToPage("/Accounts/Index");
        // O1: the operator of the installation, in no account: every account.
        var platformOperator = await mediator.Send(new Platform.AccountsModel.ProbeQuery(), ct);
        if (platformOperator.Succeeded) return RedirectToPage("/Platform/Accounts");
        // A Partner Access reviewer holds no account: their queue.
        var reviewer = await mediator.Send(new Review.PartnerAccessModel.ProbeQuery(), ct);
        return reviewer.Succeeded ? RedirectToPage("/Review/PartnerAccess") : Page();
    }
}
