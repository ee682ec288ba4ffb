namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// R24: whether an email belongs to an eligible partner employee of this client, read in one statement and judged by the
/// domain's rule (<see cref="Domain.ClientAccount.IsEligiblePartnerEmployee"/>). The Create user page and its command both ask here.
/// </summary>
public static class Eligibility
{
    /// <param name="PartnerHubId">The partner they are an eligible employee of, or null.</param>
    /// <param name="Why">Why the Partner Admin template is not offered, when it is not.</param>
    public sealed record Answer(long? PartnerHubId, string? PartnerName, string? Why);

    public static async Task<Answer> OfAsync(PortalDb db, long clientHubId, string email, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = EmailAddress.Normalize(email);
        var domain = EmailAddress.DomainOf(normalized);
        // The person by the unique email index, then their partner memberships by the (user, …) index.
        var facts = await db.DomainUsers.AsNoTracking().Where(u => u.Email == normalized)
            .Join(db.Memberships, u => u.Id, m => m.UserId, (u, m) => m)
            .Where(m => m.AccountKind == AccountKind.Partner)
            .OrderBy(m => m.AccountName).Take(20)
            .Select(m => new
            {
                m.AccountHubId, m.AccountName, m.IsPartnerEmployee,
                ServicesOrInvited = db.CurrentRelationships.Any(r => r.PartnerHubId == m.AccountHubId && r.ClientHubId == clientHubId)
                    || db.ClientInvitations.Any(i => i.PartnerHubId == m.AccountHubId && i.ClientHubId == clientHubId
                        && i.State == InvitationState.Pending && i.ExpiresAt > now),
                OnDomain = db.PartnerEmailDomains.Any(d => d.PartnerHubId == m.AccountHubId && d.Domain == domain),
                Assigned = db.Assignments.Any(a => a.PartnerHubId == m.AccountHubId && a.ClientHubId == clientHubId && a.EmployeeUserId == m.UserId),
            })
            .ToListAsync(ct);
        var eligible = facts.FirstOrDefault(f => Domain.ClientAccount.IsEligiblePartnerEmployee(f.IsPartnerEmployee, f.ServicesOrInvited, f.OnDomain, f.Assigned));
        if (eligible is not null) return new Answer(eligible.AccountHubId, eligible.AccountName, null);
        // Only what this client may know: about a partner that services it (or that it invited), the condition that fails;
        // about anyone else, nothing — whether an email belongs to another partner is that partner's business.
        var ours = facts.Where(f => f.ServicesOrInvited).ToList();
        var why = ours.Count == 0
            ? $"{normalized} is not an employee of a partner that services this account or was invited by it, so the Partner Admin template is not offered. Partner Admins are partner employees; invite their partner first (Settings → Partners)."
            : ours.All(f => !f.IsPartnerEmployee)
                ? $"{ours[0].AccountName} has not tagged {normalized} as a partner employee, so the Partner Admin template is not offered."
                : $"{normalized} is not on {ours[0].AccountName}'s email domain and was not added by {ours[0].AccountName} for this account, so the Partner Admin template is not offered.";
        return new Answer(null, null, why);
    }
}
