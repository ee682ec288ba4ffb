using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Pages.Components;

/// <summary>Every account the signed-in user belongs to, partner accounts first.</summary>
public static class AccountSwitcher
{
    [NotAccountScoped("Lists only the signed-in user's own memberships.")]
    public sealed record Query : IRequest<IReadOnlyList<Entry>>;

    /// <param name="ManagesClientAccess">R5: the Partner menu offers the Client Access Manager.</param>
    public sealed record Entry(long HubId, string Name, AccountKind Kind, AccessType AccessType, bool ManagesClientAccess);

    public sealed class Handler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, IReadOnlyList<Entry>>
    {
        public async Task<IReadOnlyList<Entry>> Handle(Query request, CancellationToken cancellationToken)
        {
            var rows = await db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == me.UserId)
                .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new { a.HubId, a.Name, a.Kind, Membership = m })
                .OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .ToListAsync(cancellationToken);
            return rows.Select(e => new Entry(e.HubId, e.Name, e.Kind, e.Membership.AccessType,
                e.Kind == AccountKind.Partner && AccessPolicy.CanManageClientAccess(e.Membership))).ToList();
        }
    }
}
