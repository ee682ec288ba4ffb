using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// R24: whether an email belongs to an eligible partner employee of this client, read in one statement and judged by the
/// domain's rule (<see cref="Account.IsEligiblePartnerEmployee"/>). The Create user page and its command both ask here.
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
                ServicesOrInvited = db.Relationships.Any(r => r.PartnerHubId == m.AccountHubId && r.ClientHubId == clientHubId
                        && (r.State == RelationshipState.Active || r.State == RelationshipState.Ending))
                    || db.ClientInvitations.Any(i => i.PartnerHubId == m.AccountHubId && i.ClientHubId == clientHubId
                        && i.State == InvitationState.Pending && i.ExpiresAt > now),
                OnDomain = db.PartnerEmailDomains.Any(d => d.PartnerHubId == m.AccountHubId && d.Domain == domain),
                Assigned = db.Assignments.Any(a => a.PartnerHubId == m.AccountHubId && a.ClientHubId == clientHubId && a.EmployeeUserId == m.UserId),
            })
            .ToListAsync(ct);
        var eligible = facts.FirstOrDefault(f => Account.IsEligiblePartnerEmployee(f.IsPartnerEmployee, f.ServicesOrInvited, f.OnDomain, f.Assigned));
        if (eligible is not null) return new Answer(eligible.AccountHubId, eligible.AccountName, null);
        var why = facts.Count == 0
            ? $"{normalized} is not a user of any partner account, so the Partner Admin template is not offered. Partner Admins are partner employees."
            : facts.All(f => !f.IsPartnerEmployee)
                ? $"{normalized} is not tagged as a partner employee by their partner, so the Partner Admin template is not offered."
                : facts.All(f => !f.ServicesOrInvited)
                    ? $"{normalized} works for {string.Join(", ", facts.Select(f => f.AccountName))}, which does not service this account and has no open invitation from it. Invite the partner first (Settings → Partners)."
                    : $"{normalized} is not on their partner's email domain and was not added by their partner for this account, so the Partner Admin template is not offered.";
        return new Answer(null, null, why);
    }
}
