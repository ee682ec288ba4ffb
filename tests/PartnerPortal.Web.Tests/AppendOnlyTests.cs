using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Audit entries written in one statement (the ending job's chunks) read back exactly as SaveChanges would have written
/// them, and queries comparing with their values still find them, on every database.
/// </summary>
public sealed class AppendOnlyTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task B1_audit_entries_written_in_one_statement_read_back_as_written_and_are_found_by_their_values()
    {
        var counter = Fixture.Service<StatementCounter>();
        var actor = Guid.NewGuid();
        var operation = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddMilliseconds(123); // the precision SQLite keeps (to the millisecond) whichever way a row is written
        var entries = Enumerable.Range(1, 300).Select(i => new AuditEntry(97_000_000 + i, i % 2 == 0 ? 97_000_000 : null, i % 3 == 0 ? null : actor,
            AuditActions.RelationshipEnded, $"O'Brien & \"Sons\" — Ünïcode {i}; DROP TABLE x;--", i % 5 == 0 ? null : $"Ending on 2026-0{i % 9 + 1}-01", "Ended",
            at.AddMinutes(i), operation)).ToList();

        counter.Clear();
        var written = await Fixture.InDbAsync(async db =>
        {
            db.AuditEntries.AddRange(entries);
            var count = await db.InsertAddedAsync<AuditEntry>(CancellationToken.None);
            Assert.Empty(db.ChangeTracker.Entries<AuditEntry>()); // their keys were not read back: they leave the context
            return count;
        });
        Assert.Equal(300, written);
        Assert.Single(counter.Statements, s => s.Contains("AuditEntries", StringComparison.Ordinal));

        var read = await Fixture.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.OperationId == operation).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(300, read.Count);
        Assert.Equal(
            entries.Select(e => (e.AccountHubId, e.PartnerHubId, e.ActorUserId, e.Action, e.Subject, e.Before, e.After, e.At)),
            read.Select(e => (e.AccountHubId, e.PartnerHubId, e.ActorUserId, e.Action, e.Subject, e.Before, e.After, e.At)));
        Assert.Equal(200, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorUserId == actor && a.OperationId == operation)));
        Assert.Equal(1, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.OperationId == operation && a.At == at.AddMinutes(7))));
    }
}
