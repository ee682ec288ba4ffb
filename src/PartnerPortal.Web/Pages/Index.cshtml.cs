using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Pages.Components;

namespace PartnerPortal.Web.Pages;

/// <summary>The start page sends you to your first account (partner accounts first).</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var menu = await mediator.Send(new AccountSwitcher.Query(Recent: RecentAccounts.Read(Request)), ct);
        return menu.Accounts.Count == 0 ? Page() : RedirectToPage("/Accounts/Home", new { hubId = menu.Accounts[0].HubId });
    }
}
