using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// R12: ends the relationships whose end date has passed, by the domain's own rule
/// (<see cref="PartnerClientRelationship.DueAt"/>, <see cref="PartnerClientRelationship.EndIfDue"/>),
/// a batch per transaction. The relationship's state is its concurrency token, so when two
/// instances end the same batch, or an employee is added back meanwhile, the loser's batch rolls
/// back and is read again: each relationship ends exactly once, with one audit entry.
/// </summary>
public sealed class RelationshipEnder(PortalDb db, TimeProvider clock)
{
    private const int BatchSize = 200;

    public async Task<int> EndDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ended = 0;
        for (var losses = 0; losses < 10;)
        {
            var due = await db.Relationships.Where(PartnerClientRelationship.DueAt(now)).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(ct);
            if (due.Count == 0) break;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var batch = due.Count(r => r.EndIfDue(now));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                ended += batch;
            }
            catch (Exception ex) when (DatabaseErrors.IsLostRace(ex))
            {
                losses++; // another instance (or an employee added back) got there first: read again
            }
            db.ChangeTracker.Clear();
        }
        return ended;
    }
}
