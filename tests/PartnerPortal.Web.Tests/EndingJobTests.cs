using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Jobs;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>R12: the ending job works set-wise: a chunk of a thousand due relationships costs the statements one does.</summary>
public sealed class EndingJobTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A partner with <paramref name="count"/> clients whose relationships became Ending at <see cref="Start"/> (they end 60 days later).</summary>
    private Task<long> EndingClientsAsync(int count, long firstHubId) => Fixture.InDbAsync(async db =>
    {
        var partner = Account.CreatePartner(firstHubId, $"Ending Agency {firstHubId}");
        db.Accounts.Add(partner);
        for (var i = 1; i <= count; i++)
        {
            db.Accounts.Add(Account.CreateClient(firstHubId + i, $"Ending Client {i}"));
            var relationship = PartnerClientRelationship.StartActive(partner.HubId, firstHubId + i, Start.AddDays(-100));
            relationship.StartEnding(Start, Start);
            db.Relationships.Add(relationship);
        }
        await db.SaveChangesAsync();
        return partner.HubId;
    });

    private async Task<int> EndDueAsync(DateTimeOffset at)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await new RelationshipEnder(services.GetRequiredService<PortalDb>(), services.GetRequiredService<DomainEventDispatcher>(), new ManualClock(at))
            .EndDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task R12_ending_a_chunk_of_due_relationships_sends_the_statements_ending_one_does_and_audits_each_once()
    {
        var counter = Fixture.Service<StatementCounter>();
        var one = await EndingClientsAsync(1, 93_000_000);
        counter.Clear();
        Assert.Equal(1, await EndDueAsync(Start.AddDays(61)));
        var forOne = counter.Statements.Count;

        var chunk = RelationshipEnder.ChunkSize;
        var many = await EndingClientsAsync(chunk, 93_100_000);
        counter.Clear();
        Assert.Equal(chunk, await EndDueAsync(Start.AddDays(61)));
        var forMany = counter.Statements.Count;
        output.WriteLine($"1 relationship: {forOne} statements; {chunk}: {forMany}");

        Assert.Equal(forOne, forMany);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Relationships.CountAsync(r => (r.PartnerHubId == one || r.PartnerHubId == many) && r.State != RelationshipState.Ended)));
        Assert.Equal(chunk, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.PartnerHubId == many && a.Action == AuditActions.RelationshipEnded)));
        var entry = await Fixture.InDbAsync(db => db.AuditEntries.FirstAsync(a => a.PartnerHubId == one && a.Action == AuditActions.RelationshipEnded));
        Assert.Equal(($"Ending on {Start.AddDays(60):yyyy-MM-dd}", "Ended"), (entry.Before, entry.After));
        Assert.Null(entry.ActorUserId); // the system did it; the entry was written by the chunk's one INSERT and reads back as written
        Assert.True(entry.At > Start.AddDays(61), $"recorded at {entry.At:O}");
        Assert.Equal(0, await EndDueAsync(Start.AddDays(90)));
    }

    [Fact]
    public async Task R12_nothing_ends_before_its_day_and_three_runs_at_once_end_each_relationship_once()
    {
        var partner = await EndingClientsAsync(1500, 93_200_000);
        Assert.Equal(0, await EndDueAsync(Start.AddDays(59)));

        var ended = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => EndDueAsync(Start.AddDays(61)))));

        Assert.Equal(1500, ended.Sum());
        Assert.Equal(1500, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.PartnerHubId == partner && a.Action == AuditActions.RelationshipEnded)));
    }
}
