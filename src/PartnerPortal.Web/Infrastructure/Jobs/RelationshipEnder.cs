using PartnerPortal.Web.Infrastructure.DomainEvents;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// R12: ends the relationships whose end date has passed (<see cref="PartnerClientRelationship.DueAt"/>), set-wise: per chunk
/// (<see cref="ChunkSize"/>), in one transaction, the ids due, one conditional UPDATE (still due: another instance that got there first, or an
/// employee added back meanwhile, leaves nothing to update), the rows this run ended (ended at this run's instant),
/// and their audit entries in one multi-row INSERT (<see cref="AppendOnly"/>), then the partners' kept figures (<see cref="PartnerFiguresKeeper"/>) — a constant number of statements per chunk, whatever the chunk's size. A chunk
/// commits only when the rows it finds ended at its instant are exactly the rows its UPDATE changed.
/// Each relationship ends exactly once, with one audit entry, however many instances run the job.
/// </summary>
public sealed class RelationshipEnder(PortalDb db, DomainEventDispatcher events, TimeProvider clock)
{
    public const int ChunkSize = 1000;

    public async Task<int> EndDueAsync(CancellationToken ct)
    {
        // The instant this run ends things at, to the microsecond every provider stores: it tells this run's rows apart.
        var clockNow = clock.GetUtcNow();
        var now = new DateTimeOffset(clockNow.UtcTicks - (clockNow.UtcTicks % 10), TimeSpan.Zero);
        // Another instance that held the rows (a serialization failure on PostgreSQL, a busy database on SQLite): read again.
        return await Chunks.RunAsync(db, () => EndChunkAsync(now, ct));
    }

    /// <summary>One chunk in one transaction: how many this run ended, or null when nothing is due.</summary>
    private async Task<int?> EndChunkAsync(DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The thousand due longest, in the order of the (State, EndsAt) index: ordering by anything else sorted every due
        // relationship for each chunk (a hundred thousand took a minute that way on SQLite).
        var ids = await db.Relationships.Where(PartnerClientRelationship.DueAt(now)).OrderBy(r => r.EndsAt).Select(r => r.Id).Take(ChunkSize).ToListAsync(ct);
        if (ids.Count == 0) return null;
        // EndIfDue's change, for the whole chunk at once; the due condition again, evaluated on the rows as they are now.
        var updated = await db.Relationships.Where(r => ids.Contains(r.Id)).Where(PartnerClientRelationship.DueAt(now))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, RelationshipState.Ended).SetProperty(r => r.EndedAt, now), ct);
        var count = 0;
        if (updated > 0)
        {
            // By id and instant only: a condition on State would let SQLite walk its (State, EndsAt) index over every
            // relationship ended so far, chunk after chunk.
            var mine = await db.Relationships.AsNoTracking().Where(r => ids.Contains(r.Id) && r.EndedAt == now)
                .Select(r => new { r.PartnerHubId, r.ClientHubId, r.EndsAt }).ToListAsync(ct);
            // Another instance ended some of these rows at the very same instant: which are ours is not certain, so
            // this chunk rolls back and is read again (it then holds only what is still due).
            if (mine.Count != updated) throw new DbUpdateConcurrencyException("Another instance ended part of this chunk at the same instant.");
            await events.PublishAsync(mine.Select(r => PartnerClientRelationship.EndedEvent(r.PartnerHubId, r.ClientHubId, r.EndsAt)), ct);
            // One INSERT for the chunk's audit entries: as a batch of single-row inserts, Microsoft.Data.Sqlite binds each
            // statement by looking through all of the command's parameters (100,000 took 60 s in chunks of 1,000).
            await db.InsertAddedAsync<AuditEntry>(ct);
            await db.SaveChangesAsync(ct);
            // The dashboard's kept counts (PartnerFiguresKeeper): the UPDATE above was set-wise, so the keeper is told.
            await PartnerFiguresKeeper.RelationshipsEndedAsync(db, mine.Select(r => r.ClientHubId).Distinct().ToList(), ct);
            count = mine.Count;
        }
        await transaction.CommitAsync(ct);
        return count;
    }
}
