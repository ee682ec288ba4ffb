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

    /// <summary>
    /// A client the partner currently services (Active or Ending), loaded for change. Anything else,
    /// including another partner's client, is not found: Hub IDs in URLs reach nothing of another tenant.
    /// </summary>
    public async Task<Result<Account>> ClientOfPartnerAsync(long partnerHubId, long clientHubId, CancellationToken ct)
    {
        var serviced = await db.Relationships.AnyAsync(r => r.PartnerHubId == partnerHubId && r.ClientHubId == clientHubId
            && (r.State == RelationshipState.Active || r.State == RelationshipState.Ending), ct);
        if (!serviced) return Failure.NotFound;
        var client = await db.Accounts.WithMembers().SingleOrDefaultAsync(a => a.HubId == clientHubId, ct);
        return client is null ? Failure.NotFound : client;
    }

    /// <summary>The Client Access Manager's gate for a client's pages: the right in the partner account, and a client it services.</summary>
    public async Task<Result<PartnerClient>> PartnerClientAsync(long partnerHubId, long clientHubId, CancellationToken ct)
    {
        var partner = await PartnerWithAsync(partnerHubId, Permission.ClientAccessManager, ct);
        if (!partner.Succeeded) return partner.AsFailure();
        var client = await ClientOfPartnerAsync(partnerHubId, clientHubId, ct);
        if (!client.Succeeded) return client.AsFailure();
        return new PartnerClient(partner.Value!, client.Value!);
    }

    /// <summary>A partner employee (Partner employee switch on) of the partner account, or not found.</summary>
    public async Task<Result<User>> EmployeeOfPartnerAsync(long partnerHubId, Guid userId, CancellationToken ct)
    {
        var user = await db.Memberships.Where(m => m.AccountHubId == partnerHubId && m.UserId == userId && m.IsPartnerEmployee)
            .Select(m => m.User).SingleOrDefaultAsync(ct);
        return user is null ? Failure.NotFound : user;
    }

    /// <summary>The signed-in user's id, for handlers that compare it with the people they touch.</summary>
    public Guid UserId => me.UserId;
}

public static class AccountQueries
{
    /// <summary>A client account with everything the Client Access Manager changes: members, their users and sets.</summary>
    public static IQueryable<Account> WithMembers(this IQueryable<Account> accounts) =>
        accounts.Include(a => a.Memberships).ThenInclude(m => m.User)
            .Include(a => a.Memberships).ThenInclude(m => m.PermissionSet)
            .Include(a => a.PermissionSets)
            .AsSplitQuery();
}

public sealed record AccountView(long HubId, string Name, AccountKind Kind, Membership Membership);

public sealed record PartnerClient(AccountView Partner, Account Client)
{
    public long PartnerHubId => Partner.HubId;

    /// <summary>The signed-in user's own membership in the client account, if any.</summary>
    public Membership? You => Client.MembershipOf(Partner.Membership.UserId);

    /// <summary>R6, R9: Partner Admin (or Super Admin) in the client account.</summary>
    public bool YouAdminister => You?.AccessType is AccessType.PartnerAdmin or AccessType.SuperAdmin;
}
