using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Pages.Components;

namespace PartnerPortal.Web.Pages;

/// <summary>The start page sends you to your first account (partner accounts first, then those opened lately), or to the list of them all.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var menu = await mediator.Send(new AccountSwitcher.Query(Recent: RecentAccounts.Read(Request)), ct);
        if (menu.Accounts.Count > 0) return RedirectToPage("/Accounts/Home", new { hubId = menu.Accounts[0].HubId });
        // In many client accounts and none opened yet: the list of all of them.
        return menu.More ? RedirectToPage("/Accounts/Index") : Page();
    }
}
