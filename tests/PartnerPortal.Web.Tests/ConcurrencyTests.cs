using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Jobs;
using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Tests;

/// <summary>What must hold when several requests or app instances act at the same instant.</summary>
public sealed class ConcurrencyTests(PortalFixture fixture) : PortalTest(fixture)
{
    private async Task<int> EndDueAsync(TimeProvider clock)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        return await new RelationshipEnder(scope.ServiceProvider.GetRequiredService<PortalDb>(), clock).EndDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task R12_the_job_ends_a_relationship_on_its_date_exactly_once_with_two_instances_running()
    {
        var endsAt = await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == Personas.SummitFitness).Select(r => r.EndsAt!.Value).SingleAsync());

        Assert.Equal(0, await EndDueAsync(new ManualClock(endsAt.AddMinutes(-1))));
        var clock = new ManualClock(endsAt.AddHours(1));
        var ended = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => EndDueAsync(clock))));

        Assert.Equal(1, ended.Sum());
        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.ClientHubId == Personas.SummitFitness));
        Assert.Equal(RelationshipState.Ended, relationship.State);
        Assert.Equal(clock.Now, relationship.EndedAt);
        Assert.Equal(1, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Relationship ended" && a.AccountHubId == Personas.SummitFitness)));
        Assert.Equal(0, await EndDueAsync(new ManualClock(endsAt.AddDays(5))));
    }

    [Fact]
    public async Task Two_mail_dispatchers_at_once_deliver_each_email_once()
    {
        await Fixture.InDbAsync(db =>
        {
            for (var i = 0; i < 12; i++) db.Outbox.Add(new OutboxMessage($"person{i}@example.org", $"Message {i}", "Hello", DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });

        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            Fixture.WithServiceAsync<OutboxDispatcher, int>(d => d.DispatchAsync(CancellationToken.None)))));

        Assert.Equal(12, sent.Sum());
        Assert.Equal(12, Directory.GetFiles(Fixture.Factory.MailFolder, "*.eml").Length);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));
    }

    [Fact]
    public async Task R14_parallel_demotions_always_leave_every_client_account_a_Super_Admin()
    {
        const int rounds = 3, accountsPerRound = 25; // 50 demotions at once per round, 150 in all
        var ava = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        var ben = await Fixture.UserIdAsync(Personas.ClientAccessManager);

        for (var round = 0; round < rounds; round++)
        {
            var hubIds = Enumerable.Range(1, accountsPerRound).Select(i => 46_000_000L + (round * 100) + i).ToList();
            await Fixture.InDbAsync(async db =>
            {
                var people = await db.DomainUsers.Where(u => u.Id == ava || u.Id == ben).ToListAsync();
                foreach (var hubId in hubIds)
                {
                    var client = Account.CreateClient(hubId, $"Race client {hubId}");
                    foreach (var person in people)
                    {
                        client.AddMember(person, AccessType.SuperAdmin, DateTimeOffset.UtcNow);
                        client.AddPartnerEmployee(person, Personas.Brightwave, client.StandardPartnerAdminSet, new Actor(person.Id), DateTimeOffset.UtcNow);
                    }
                    db.Accounts.Add(client);
                    db.Relationships.Add(PartnerClientRelationship.StartActive(Personas.Brightwave, hubId, DateTimeOffset.UtcNow));
                }
                return await db.SaveChangesAsync();
            });

            // Each of the two Super Admins changes themselves to Partner Admin, in every account, all at once.
            var demotions = hubIds.SelectMany(hubId => new[] { (hubId, Personas.PartnerSuperAdmin, ava), (hubId, Personas.ClientAccessManager, ben) })
                .Select(d => Task.Run(() => Fixture.SendAsync(new ChangeToPartnerAdminModel.Command
                {
                    PartnerHubId = Personas.Brightwave,
                    ClientHubId = d.hubId,
                    UserId = d.Item3,
                }, d.Item2)))
                .ToList();
            var results = await Task.WhenAll(demotions);

            var superAdmins = await Fixture.InDbAsync(db => db.Memberships.Where(m => hubIds.Contains(m.AccountHubId) && m.AccessType == AccessType.SuperAdmin)
                .GroupBy(m => m.AccountHubId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
            Assert.Equal(accountsPerRound, superAdmins.Count);
            Assert.All(superAdmins, a => Assert.Equal(1, a.Count));
            Assert.Equal(accountsPerRound, results.Count(r => r.Succeeded));
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("at least one Super Admin", r.Message, StringComparison.Ordinal));
        }
    }
}
