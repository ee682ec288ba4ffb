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
        var accounts = await mediator.Send(new AccountSwitcher.Query(), ct);
        return accounts.Count == 0 ? Page() : RedirectToPage("/Accounts/Home", new { hubId = accounts[0].HubId });
    }
}
