namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R16–R18: who works on a client for the partner — its partner employees with access there, those assigned to it, or
/// both — and the same seen from one employee. The one home of that union, for the dashboard's client page, the
/// employee panel and their Remove access dialogs.
/// </summary>
public static class PartnerEmployeesOfClient
{
    /// <param name="Access">Their access in the client (access type and permission set), or null when only assigned.</param>
    public sealed record Row(Guid UserId, string Name, string Email, long ClientHubId, string ClientName, string? Access, bool Assigned);

    /// <summary>The users of the partner working on <paramref name="clientHubId"/> for it (with access or assigned).</summary>
    public static IQueryable<Guid> OnClient(PortalDb db, long partnerHubId, long clientHubId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.Where(m => m.AccountHubId == clientHubId && m.PartnerHubId == partnerHubId).Select(m => m.UserId)
            .Union(db.Assignments.Where(a => a.PartnerHubId == partnerHubId && a.ClientHubId == clientHubId).Select(a => a.EmployeeUserId));
    }

    /// <summary>The clients the partner currently services on which <paramref name="userId"/> works for it (with access or assigned).</summary>
    public static IQueryable<long> OfEmployee(PortalDb db, long partnerHubId, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.Where(m => m.UserId == userId && m.PartnerHubId == partnerHubId && m.AccountKind == AccountKind.Client).Select(m => m.AccountHubId)
            .Union(db.Assignments.Where(a => a.PartnerHubId == partnerHubId && a.EmployeeUserId == userId).Select(a => a.ClientHubId))
            .Where(c => db.CurrentRelationships.Any(r => r.PartnerHubId == partnerHubId && r.ClientHubId == c));
    }

    /// <summary>The rows for these (client, user) pairs: one read of the access, one of the assignments.</summary>
    public static async Task<IReadOnlyList<Row>> RowsAsync(PortalDb db, long partnerHubId, IReadOnlyCollection<long> clientHubIds, IReadOnlyCollection<Guid> userIds,
        IReadOnlyDictionary<Guid, (string Name, string Email)> people, IReadOnlyDictionary<long, string> clientNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(clientNames);
        var access = await db.Memberships.AsNoTracking()
            .Where(m => clientHubIds.Contains(m.AccountHubId) && userIds.Contains(m.UserId) && m.PartnerHubId == partnerHubId)
            .Select(m => new { m.AccountHubId, m.UserId, m.AccessType, Set = m.PermissionSet == null ? null : m.PermissionSet.Name, m.Seat, m.KeepsBilling })
            .ToListAsync(ct);
        var assigned = await db.Assignments.AsNoTracking()
            .Where(a => a.PartnerHubId == partnerHubId && clientHubIds.Contains(a.ClientHubId) && userIds.Contains(a.EmployeeUserId))
            .Select(a => new { a.ClientHubId, a.EmployeeUserId }).ToListAsync(ct);
        var accessOf = access.ToDictionary(a => (a.AccountHubId, a.UserId), a => Membership.Describe(a.AccessType, a.Set, a.Seat, a.KeepsBilling));
        var assignedSet = assigned.Select(a => (a.ClientHubId, a.EmployeeUserId)).ToHashSet();
        return clientHubIds.SelectMany(c => userIds.Select(u => (c, u)))
            .Where(p => accessOf.ContainsKey(p) || assignedSet.Contains(p))
            .Select(p => new Row(p.u, people[p.u].Name, people[p.u].Email, p.c, clientNames[p.c], accessOf.GetValueOrDefault(p), assignedSet.Contains(p)))
            .ToList();
    }
}
