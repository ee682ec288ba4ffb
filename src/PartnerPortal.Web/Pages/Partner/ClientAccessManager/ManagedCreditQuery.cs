using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R7, R8, R15: what the pages show about each member's managed credit, from <see cref="ManagedCredit.Of"/>.</summary>
public static class ManagedCreditQuery
{
    /// <summary>The managed-credit label of each member of one client account, by user id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ForAsync(PortalDb db, long partnerHubId, IReadOnlyList<Membership> inClient, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(inClient);
        var facts = await FactsAsync(db, partnerHubId, inClient.Select(m => m.UserId).Distinct().ToList(), ct);
        return inClient.GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => Label(g.First(), partnerHubId, facts));
    }

    public static string Label(Membership membership, long partnerHubId, Facts facts)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(facts);
        var email = membership.User?.Email ?? "";
        return ManagedCredit.Of(membership, partnerHubId, facts.PartnerEmployees.Contains(membership.UserId), PartnerEmailDomain.Covers(facts.Domains, email)).Label;
    }

    /// <summary>Which of the people are partner employees of the partner (switch on), and the partner's email domains.</summary>
    public sealed record Facts(IReadOnlySet<Guid> PartnerEmployees, IReadOnlyList<string> Domains);

    public static async Task<Facts> FactsAsync(PortalDb db, long partnerHubId, IReadOnlyList<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tagged = await db.Memberships.Where(m => m.AccountHubId == partnerHubId && m.IsPartnerEmployee && userIds.Contains(m.UserId))
            .Select(m => m.UserId).ToListAsync(ct);
        var domains = await db.PartnerEmailDomains.Where(d => d.PartnerHubId == partnerHubId).Select(d => d.Domain).ToListAsync(ct);
        return new Facts(tagged.ToHashSet(), domains);
    }
}
