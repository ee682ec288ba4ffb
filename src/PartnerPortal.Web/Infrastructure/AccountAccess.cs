using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The one home of resource authorization: every handler that takes a Hub ID asks here whether
/// the signed-in user may act in that account before it reads or writes anything else.
/// </summary>
public sealed class AccountAccess(PortalDb db, ICurrentUser me)
{
    /// <summary>The signed-in user's membership in the account (with its permission set), or null.</summary>
    public Task<Membership?> MembershipAsync(long hubId, CancellationToken ct) =>
        me.IsSignedIn
            ? db.Memberships.Include(m => m.PermissionSet).SingleOrDefaultAsync(m => m.AccountHubId == hubId && m.UserId == me.UserId, ct)
            : Task.FromResult<Membership?>(null);

    /// <summary>The account as seen by a member: not found when it does not exist, forbidden when you are not in it.</summary>
    public async Task<Result<AccountView>> MemberOfAsync(long hubId, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.HubId == hubId)
            .Select(a => new { a.HubId, a.Name, a.Kind }).SingleOrDefaultAsync(ct);
        if (account is null) return Failure.NotFound;
        var membership = await MembershipAsync(hubId, ct);
        if (membership is null) return Failure.Forbidden;
        return new AccountView(account.HubId, account.Name, account.Kind, membership);
    }

    /// <summary>A partner account where the signed-in user holds <paramref name="permission"/> (Super Admin holds all).</summary>
    public async Task<Result<AccountView>> PartnerWithAsync(long hubId, Permission permission, CancellationToken ct)
    {
        var view = await MemberOfAsync(hubId, ct);
        if (!view.Succeeded) return view;
        if (view.Value!.Kind != AccountKind.Partner) return Failure.NotFound;
        return view.Value.Membership.Has(permission) ? view : Failure.Forbidden;
    }
}

public sealed record AccountView(long HubId, string Name, AccountKind Kind, Membership Membership);
