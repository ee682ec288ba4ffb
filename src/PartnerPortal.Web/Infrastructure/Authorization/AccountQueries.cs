namespace PartnerPortal.Web.Infrastructure.Authorization;

public static class AccountQueries
{
    /// <summary>A client account with everything the Client Access Manager changes: members, their users and sets, and the account's sets.</summary>
    public static IQueryable<ClientAccount> WithMembers(this IQueryable<ClientAccount> clients) =>
        clients.Include(a => a.Memberships).ThenInclude(m => m.User)
            .Include(a => a.Memberships).ThenInclude(m => m.PermissionSet)
            .Include(a => a.PermissionSets)
            .AsSplitQuery();

    /// <summary>An account of either kind (or a partner's) with its members and their users.</summary>
    public static IQueryable<T> WithMembers<T>(this IQueryable<T> accounts) where T : Account =>
        accounts.Include(a => a.Memberships).ThenInclude(m => m.User)
            .Include(a => a.Memberships).ThenInclude(m => m.PermissionSet)
            .AsSplitQuery();

    /// <summary>R7: a partner's employee email domains, for the checkmark beside each email a page shows.</summary>
    public static Task<List<string>> EmailDomainsOfAsync(this PartnerPortal.Data.PortalDb db, long partnerHubId, CancellationToken ct) =>
        db.PartnerEmailDomains.AsNoTracking().Where(d => d.PartnerHubId == partnerHubId).OrderBy(d => d.Domain).Select(d => d.Domain).ToListAsync(ct);
}
