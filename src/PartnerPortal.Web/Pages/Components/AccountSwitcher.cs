using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Components;

/// <summary>Every account the signed-in user belongs to, partner accounts first.</summary>
public static class AccountSwitcher
{
    public sealed record Query : IRequest<IReadOnlyList<Entry>>;

    public sealed record Entry(long HubId, string Name, AccountKind Kind, AccessType AccessType);

    public sealed class Handler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, IReadOnlyList<Entry>>
    {
        public async Task<IReadOnlyList<Entry>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Memberships.AsNoTracking()
                .Where(m => m.UserId == me.UserId)
                .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new { a.HubId, a.Name, a.Kind, m.AccessType })
                .OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .Select(e => new Entry(e.HubId, e.Name, e.Kind, e.AccessType))
                .ToListAsync(cancellationToken);
    }
}

public sealed class AccountSwitcherViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long? currentHubId)
    {
        var accounts = await mediator.Send(new AccountSwitcher.Query(), HttpContext.RequestAborted);
        return View((accounts, currentHubId));
    }
}
