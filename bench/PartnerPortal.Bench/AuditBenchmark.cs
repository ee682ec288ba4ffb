using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Bench;

/// <summary>
/// B1's trail at size: appends <c>count</c> audit entries to the large world (grown already), as a year of Brightwave's work —
/// nine in ten in its clients (the bench clients, and one in fifty of all in Harbor Coffee Roasters), one in ten in its own
/// account; by Ava and the bench employees, six actions, oldest first. One INSERT a thousand rows (the app's AppendOnly).
/// </summary>
public static class AuditBenchmark
{
    private const long Brightwave = 44_010_001;
    private const long Harbor = 45_100_001;
    private const long FirstHubId = 60_000_000;

    private static readonly string[] Actions =
        ["Partner employee added", "Permission set changed", "Partner employee removed", "End date set", "Access link approved", "Access kept after review"];

    public static async Task<int> RunAsync(string providerName, string connection, int count, int clients)
    {
        var options = DatabaseSetup.OptionsFor(DatabaseSetup.ParseProvider(providerName), connection);
        var watch = Stopwatch.StartNew();
        List<Guid> actors;
        await using (var db = new PortalDb(options))
        {
            if (await db.AuditEntries.CountAsync(a => a.Subject.StartsWith("bench.subject")) > 0) { Console.WriteLine("The audit entries are there already."); return 0; }
            actors = await db.Memberships.Where(m => m.AccountHubId == Brightwave).OrderBy(m => m.UserEmail).Select(m => m.UserId).Take(50).ToListAsync();
        }
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var step = TimeSpan.FromDays(365).Ticks / Math.Max(1, count);
        for (var first = 0; first < count; first += AppendOnly.MaxRowsPerStatement)
        {
            await using var db = new PortalDb(options);
            for (var i = first; i < Math.Min(count, first + AppendOnly.MaxRowsPerStatement); i++)
            {
                long account = (i % 10) switch
                {
                    0 => Brightwave,
                    _ when i % 50 == 1 => Harbor,
                    _ => FirstHubId + 1 + (i % clients),
                };
                db.AuditEntries.Add(new AuditEntry(account, account == Brightwave ? null : Brightwave, actors[i % actors.Count], Actions[i % Actions.Length],
                    $"bench.subject{i % 5000:0000}@brightwave.io", "Partner Admin, Partner seat", "No access", start.AddTicks(step * i)));
            }
            await db.InsertAddedAsync<AuditEntry>(CancellationToken.None);
        }
        if (options.Extensions.Any(e => e.GetType().Name.Contains("Sqlite", StringComparison.Ordinal)))
        {
            await using var db = new PortalDb(options);
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }
        Console.WriteLine($"Appended {count:N0} audit entries in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
