namespace PartnerPortal.Web.Pages.Access;

/// <summary>
/// R1, R4: whose access link a token is, by the hash of the token only. A link works only while its
/// owner is a partner employee of its partner: switching them off or removing them from the partner
/// account stops it at once, as resetting does.
/// </summary>
internal static class LinkLookup
{
    public sealed record Asking(long PartnerHubId, string PartnerName, Guid EmployeeId, string EmployeeName, string EmployeeEmail);

    public static async Task<Asking?> FindAsync(PortalDb db, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var hash = AccessLink.HashOf(token);
        return await db.AccessLinks.AsNoTracking().Where(l => l.TokenHash == hash)
            .Where(l => db.Memberships.Any(m => m.AccountHubId == l.PartnerHubId && m.UserId == l.EmployeeUserId && m.IsPartnerEmployee))
            .Join(db.Accounts, l => l.PartnerHubId, a => a.HubId, (l, a) => new { l, a })
            .Join(db.DomainUsers, x => x.l.EmployeeUserId, u => u.Id, (x, u) => new Asking(x.a.HubId, x.a.Name, u.Id, u.Name, u.Email))
            .SingleOrDefaultAsync(ct);
    }
}
