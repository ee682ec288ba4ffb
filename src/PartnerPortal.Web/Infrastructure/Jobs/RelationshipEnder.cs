using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// R12: ends the relationships whose end date has passed. Each one is ended by a conditional
/// update in its own transaction with its audit entry, so two instances running at once end
/// each relationship exactly once and write one entry.
/// </summary>
public sealed class RelationshipEnder(PortalDb db, TimeProvider clock)
{
    public async Task<int> EndDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Relationships.Where(r => r.State == RelationshipState.Ending && r.EndsAt <= now)
            .Select(r => new { r.Id, r.PartnerHubId, r.ClientHubId, r.EndsAt }).ToListAsync(ct);
        var ended = 0;
        foreach (var relationship in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Relationships
                .Where(r => r.Id == relationship.Id && r.State == RelationshipState.Ending && r.EndsAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RelationshipState.Ended).SetProperty(r => r.EndedAt, now), ct);
            if (changed == 0) continue; // ended by another instance meanwhile
            db.AuditEntries.Add(new AuditEntry(relationship.ClientHubId, relationship.PartnerHubId, null, "Relationship ended",
                "Partner relationship", RelationshipState.Ending.Display(), RelationshipState.Ended.Display(), now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            ended++;
        }
        return ended;
    }
}
