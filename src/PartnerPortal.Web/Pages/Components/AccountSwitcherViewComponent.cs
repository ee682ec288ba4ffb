using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace PartnerPortal.Web.Pages.Components;

/// <summary>The account switcher in the header of every signed-in page.</summary>
public sealed class AccountSwitcherViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? currentHubId)
    {
        var accounts = await mediator.Send(new AccountSwitcher.Query(), HttpContext.RequestAborted);
        return View((accounts, currentHubId));
    }
}
