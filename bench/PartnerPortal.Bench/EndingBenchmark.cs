using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Domain.Events;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Jobs;

namespace PartnerPortal.Bench;

/// <summary>
/// R12's ending job on <c>count</c> due relationships of one partner, in a migrated database: the app's own
/// <see cref="RelationshipEnder"/> with the audit trail, timed, then checked (every one ended, one audit entry each).
/// </summary>
public static class EndingBenchmark
{
    public static async Task<int> RunAsync(string providerName, string connection, int count)
    {
        var provider = DatabaseSetup.ParseProvider(providerName);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(p => p.GetRequiredService<CurrentUser>());
        services.AddScoped<Operation>();
        services.AddScoped<DomainEventDispatcher>();
        services.AddMetrics(); // the audit trail counts access changes on the product meter
        services.AddSingleton<PartnerPortal.Web.Infrastructure.Operations.PortalMetrics>();
        services.AddScoped<IDomainEventHandler<RelationshipChanged>, AuditTrail>();
        services.AddScoped<RelationshipEnder>();
        services.AddDbContext<PortalDb>((p, o) => o.UsePortalDatabase(provider, connection).AddInterceptors(p.GetRequiredService<DomainEventDispatcher>()));
        await using var root = services.BuildServiceProvider();

        const long Partner = 80_000_000;
        var now = DateTimeOffset.UtcNow;
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            await db.Database.MigrateAsync();
            if (!await db.Accounts.AnyAsync(a => a.HubId == Partner))
            {
                var partner = Account.CreatePartner(Partner, "Ending Benchmark Agency");
                ((IHasDomainEvents)partner).ClearDomainEvents();
                db.Accounts.Add(partner);
                await db.SaveChangesAsync();
            }
        }
        var seeding = Stopwatch.StartNew();
        for (var start = 1; start <= count; start += 5000)
        {
            await using var scope = root.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < start + 5000 && i <= count; i++)
            {
                var client = Account.CreateClient(Partner + i, $"Ending Client {i:000000}");
                ((IHasDomainEvents)client).ClearDomainEvents();
                db.Accounts.Add(client);
                var relationship = PartnerClientRelationship.StartActive(Partner, client.HubId, now.AddDays(-200));
                relationship.StartEnding(now.AddDays(-100), now.AddDays(-90)); // its 60 days ended 40 days ago
                ((IHasDomainEvents)relationship).ClearDomainEvents();
                db.Relationships.Add(relationship);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"{count} due relationships made in {seeding.Elapsed.TotalSeconds:0.0} s");
        // Statistics, as the app keeps them on SQLite (PRAGMA optimize at start and hourly) and autovacuum on PostgreSQL.
        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite ? SqliteStatistics.Refresh : "ANALYZE;");
        }

        var ending = Stopwatch.StartNew();
        int ended;
        await using (var scope = root.CreateAsyncScope())
            ended = await scope.ServiceProvider.GetRequiredService<RelationshipEnder>().EndDueAsync(CancellationToken.None);
        ending.Stop();

        await using (var scope = root.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var left = await db.Relationships.CountAsync(r => r.PartnerHubId == Partner && r.State != RelationshipState.Ended);
            var audits = await db.AuditEntries.CountAsync(a => a.PartnerHubId == Partner && a.Action == "Relationship ended");
            Console.WriteLine($"ending job: {ended} relationships ended in {ending.Elapsed.TotalSeconds:0.00} s " +
                $"({RelationshipEnder.ChunkSize} a transaction); not ended: {left}; audit entries: {audits}");
            return ended == count && left == 0 && audits == count ? 0 : 1;
        }
    }
}
