namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// Loads what authorization needs — the signed-in user's membership in an account, a client a
/// partner services — and answers with <see cref="AccessPolicy"/>. Used by the gate for every
/// account-scoped request, and by the few handlers that act in several clients at once.
/// </summary>
public sealed class AccountAccess(PortalDb db, ICurrentUser me)
{
    /// <summary>The signed-in user's id, for handlers that compare it with the people they touch.</summary>
    public Guid UserId => me.UserId;

    private sealed record Yours(Membership Membership, string Name, AccountKind Kind, int StaleAfterDays, bool QuarterlyReview, DateTimeOffset? SuspendedAt);

    // Compiled once, like the session's read: every account page passes here, and EF Core's turning of the LINQ into its
    // cached SQL (closures found, the tree hashed) cost about as much as the statement.
    private static readonly Func<PortalDb, long, Guid, CancellationToken, Task<Yours?>> YourMembership = EF.CompileAsyncQuery(
        (PortalDb db, long hubId, Guid userId, CancellationToken ct) => db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
            .Where(m => m.AccountHubId == hubId && m.UserId == userId)
            .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new Yours(m, a.Name, a.Kind, a.StaleAfterDays, a.QuarterlyReview, a.SuspendedAt))
            .SingleOrDefault());

    /// <summary>Checks <paramref name="requirement"/>; on success fills <paramref name="scope"/> and answers null.</summary>
    public async Task<Failure?> AuthorizeAsync(AccessRequirement requirement, AccessScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(scope);
        if (requirement.IsPartnerAccessReviewer)
        {
            if (!me.IsSignedIn) return Failure.Forbidden;
            return await db.DomainUsers.AnyAsync(u => u.Id == me.UserId && u.IsPartnerAccessReviewer, ct) ? null : Failure.Forbidden;
        }
        if (requirement.IsPlatformOperator)
        {
            if (!me.IsSignedIn) return Failure.Forbidden;
            return await db.DomainUsers.AnyAsync(u => u.Id == me.UserId && u.IsPlatformOperator, ct) ? null : Failure.Forbidden;
        }
        var account = await MemberOfAsync(requirement.HubId, ct);
        if (!account.Succeeded) return account.AsFailure();
        if (requirement.Kind is { } kind && account.Value.Kind != kind) return Failure.NotFound;
        if (!AccessPolicy.Holds(account.Value.Membership, requirement.Right)) return Failure.Forbidden;
        ClientView? client = null;
        if (requirement.ClientHubId is { } clientHubId)
        {
            client = await ServicedClientViewAsync(requirement.HubId, clientHubId, ct);
            if (client is null || (client.Kind != AccountKind.Client && !requirement.PartnerAccountsAsClients)) return Failure.NotFound;
            if (client.Suspended) return Failure.Suspended;
            if (requirement.InClient is { } inClient && !AccessPolicy.Holds(client.YourAccessType, inClient)) return Failure.Forbidden;
        }
        scope.Set(account.Value, client);
        return null;
    }

    /// <summary>
    /// The account as seen by a member: not found when it does not exist and when you are not in it alike, so that nobody can
    /// tell which Hub IDs exist by trying them.
    /// </summary>
    public async Task<Result<AccountView>> MemberOfAsync(long hubId, CancellationToken ct)
    {
        if (!me.IsSignedIn) return Failure.Forbidden;
        var yours = await YourMembership(db, hubId, me.UserId, ct);
        // O2: a suspended account's users cannot act in it, nor read it; they are told why.
        if (yours?.SuspendedAt is not null) return Failure.Suspended;
        return yours is null ? Failure.NotFound : new AccountView(hubId, yours.Name, yours.Kind, yours.Membership, yours.StaleAfterDays, yours.QuarterlyReview);
    }

    /// <summary>A client the partner currently services (Active or Ending) and your access type there, in one statement; null when it is not one.</summary>
    private Task<ClientView?> ServicedClientViewAsync(long partnerHubId, long clientHubId, CancellationToken ct) =>
        db.CurrentRelationships.AsNoTracking()
            .Where(r => r.PartnerHubId == partnerHubId && r.ClientHubId == clientHubId)
            .Join(db.Accounts, r => r.ClientHubId, a => a.HubId, (r, a) => new ClientView(a.HubId, a.Name, a.Kind,
                db.Memberships.Where(m => m.AccountHubId == a.HubId && m.UserId == me.UserId).Select(m => (AccessType?)m.AccessType).FirstOrDefault(),
                a.SuspendedAt != null))
            .SingleOrDefaultAsync(ct);

    /// <summary>A partner employee (Partner employee switch on) of the partner account, or not found.</summary>
    public async Task<Result<User>> EmployeeOfPartnerAsync(long partnerHubId, Guid userId, CancellationToken ct)
    {
        var user = await db.Memberships.Where(m => m.AccountHubId == partnerHubId && m.UserId == userId && m.IsPartnerEmployee)
            .Select(m => m.User).SingleOrDefaultAsync(ct);
        return user is null ? Failure.NotFound : user;
    }
}
