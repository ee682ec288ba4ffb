using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// R3, R12: what happens to the partner–client relationship when partner employees arrive or
/// leave a client account. Every state change is audited.
/// </summary>
public sealed class RelationshipKeeper(PortalDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>An employee arrived: the relationship becomes (or stays) Active, created if absent.</summary>
    public async Task EnsureActiveAsync(long partnerHubId, long clientHubId, CancellationToken ct)
    {
        var relationship = await db.Relationships.SingleOrDefaultAsync(r => r.PartnerHubId == partnerHubId && r.ClientHubId == clientHubId, ct);
        if (relationship is null)
        {
            db.Relationships.Add(PartnerClientRelationship.StartActive(partnerHubId, clientHubId, clock.GetUtcNow()));
            audit.Record(clientHubId, partnerHubId, "Relationship started", "Partner relationship", null, RelationshipState.Active.Display());
            return;
        }
        if (relationship.State == RelationshipState.Active) return;
        var before = relationship.State.Display();
        relationship.Activate(clock.GetUtcNow());
        audit.Record(clientHubId, partnerHubId, "Relationship active again", "Partner relationship", before, RelationshipState.Active.Display());
    }

    /// <summary>R12: when the last partner employee has left, the relationship starts ending (or ends if the date is past).</summary>
    public async Task AfterRemovalAsync(Account client, long partnerHubId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.PartnerEmployeesOf(partnerHubId).Any()) return;
        var relationship = await db.Relationships.SingleOrDefaultAsync(r => r.PartnerHubId == partnerHubId && r.ClientHubId == client.HubId, ct);
        if (relationship is null || relationship.State != RelationshipState.Active) return;
        var lastActivity = await LastQualifyingActivityAsync(client.HubId, partnerHubId, ct);
        relationship.StartEnding(lastActivity, clock.GetUtcNow());
        audit.Record(client.HubId, partnerHubId, "Relationship ending", "Partner relationship", RelationshipState.Active.Display(),
            relationship.State == RelationshipState.Ended ? RelationshipState.Ended.Display() : $"Ending on {relationship.EndsAt:yyyy-MM-dd}");
    }

    public async Task<DateTimeOffset?> LastQualifyingActivityAsync(long clientHubId, long partnerHubId, CancellationToken ct) =>
        await db.QualifyingActivities.Where(a => a.ClientHubId == clientHubId && a.PartnerHubId == partnerHubId)
            .OrderByDescending(a => a.At).Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(ct);
}
