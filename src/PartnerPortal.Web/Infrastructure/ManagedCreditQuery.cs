namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// R7, R8, R15 and SPEC §3 in SQL: who earns managed credit, for the pages and jobs that count it over many clients at once.
/// The same rule as <see cref="ManagedCredit.Of"/> (a test holds the two to the same answers): a member of a client connected to
/// a partner, whose Partner employee switch is on there, on a partner email domain, linked (R8) or on a partner seat; and only
/// a relationship with such an employee earns the partner a share of the client's revenue.
/// </summary>
public static class ManagedCreditQuery
{
    /// <summary>The memberships in client accounts that count for their partner's managed credit.</summary>
    public static IQueryable<Membership> CreditedEmployees(PortalDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.Where(m => m.PartnerHubId != null && m.AccountKind == AccountKind.Client
            && db.Memberships.Any(p => p.AccountHubId == m.PartnerHubId && p.UserId == m.UserId && p.IsPartnerEmployee)
            && (m.LinkedForManagedCredit || m.Seat == SeatType.Partner
                || db.PartnerEmailDomains.Any(d => d.PartnerHubId == m.PartnerHubId && m.UserEmail.EndsWith("@" + d.Domain))));
    }

    /// <summary>The relationships that earn credit: Active, with at least one credited employee of the partner in the client.</summary>
    public static IQueryable<PartnerClientRelationship> Earning(PortalDb db)
    {
        var credited = CreditedEmployees(db);
        return db.Relationships.Where(r => r.State == RelationshipState.Active
            && credited.Any(m => m.AccountHubId == r.ClientHubId && m.PartnerHubId == r.PartnerHubId));
    }
}
