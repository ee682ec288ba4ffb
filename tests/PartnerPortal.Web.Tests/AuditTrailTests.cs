using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Audit;
using PartnerPortal.Web.Pages.ClientAccount;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>B1: the audit trail to read and export, on both sides; entries that nothing in the app can change or remove.</summary>
public sealed class AuditTrailTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private sealed record World(long Agency, string Boss, Guid BossId, long Cafe, string Owner, Guid OwnerId, long Diner, string DinerOwner, string Kim);

    private Task<World> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Trail Agency");
        var boss = w.Employee(agency, "Bo Trail", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Trail");
        var cafe = w.Client("Trail Cafe");
        var diner = w.Client("Trail Diner");
        w.Services(agency, cafe);
        w.Seat(cafe, agency, kim, AccessType.PartnerAdmin);
        var owner = WorldBuilder.OwnerOf(cafe);
        return new World(agency.HubId, boss.Email, boss.Id, cafe.HubId, owner.Email, owner.Id, diner.HubId, WorldBuilder.OwnerOf(diner).Email, kim.Email);
    });

    /// <summary>
    /// 120 entries in Cafe over 120 hours: even ones by Boss for the agency about Kim (AuditActions.PartnerEmployeeAdded), odd ones Cafe's
    /// own by its owner (AuditActions.PermissionSetChanged); 10 in Diner; 5 in the agency's own account.
    /// </summary>
    private Task<int> AddEntriesAsync(World world) => Fixture.InDbAsync(db =>
    {
        for (var i = 0; i < 120; i++)
            db.AuditEntries.Add(i % 2 == 0
                ? new AuditEntry(world.Cafe, world.Agency, world.BossId, AuditActions.PartnerEmployeeAdded, world.Kim, "No access", "Partner Admin, Partner seat", Start.AddHours(i))
                : new AuditEntry(world.Cafe, null, world.OwnerId, AuditActions.PermissionSetChanged, "Permission set Sales", "Sales: View", "Sales: View, Edit", Start.AddHours(i)));
        for (var i = 0; i < 10; i++) db.AuditEntries.Add(new AuditEntry(world.Diner, null, null, AuditActions.BillingOwnerChanged, "Billing owner", "a", "b", Start.AddHours(i)));
        for (var i = 0; i < 5; i++) db.AuditEntries.Add(new AuditEntry(world.Agency, null, world.BossId, AuditActions.UserAdded, world.Kim, "No access", "User", Start.AddHours(i)));
        return db.InsertAddedAsync<AuditEntry>(CancellationToken.None);
    });

    private static List<long> Ids(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("[data-entry]").Select(r => long.Parse(r.GetAttribute("data-entry")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static async Task<List<long>> AllPagesAsync(BrowserLikeClient client, string url)
    {
        var ids = new List<long>();
        for (var next = url; next is not null;)
        {
            var (status, page) = await client.GetPageAsync(next);
            Assert.Equal(HttpStatusCode.OK, status);
            ids.AddRange(Ids(page));
            next = page.QuerySelector("[data-testid=older]")?.GetAttribute("href");
            Assert.True(ids.Count < 1000);
        }
        return ids;
    }

    [Fact]
    public async Task B1_the_client_reads_its_own_trail_newest_first_in_keyset_pages_with_filters_and_never_another_accounts_entries()
    {
        var world = await BuildAsync();
        await AddEntriesAsync(world);
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var trail = $"/{world.Cafe}/client/audit-trail";

        var ids = await AllPagesAsync(owner, trail);
        var expected = await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.AccountHubId == world.Cafe).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.Equal(expected, ids); // 3 pages, each entry once, in order
        Assert.Equal(120, ids.Count);

        Assert.Equal(60, (await AllPagesAsync(owner, $"{trail}?who={Uri.EscapeDataString(world.Boss)}")).Count);
        Assert.Equal(60, (await AllPagesAsync(owner, $"{trail}?whom={Uri.EscapeDataString(world.Kim)}")).Count);
        Assert.Equal(60, (await AllPagesAsync(owner, $"{trail}?action=Permission+set+changed")).Count);
        // May 2 (hours 16 to 39 from May 1, 08:00): 24 entries.
        Assert.Equal(24, (await AllPagesAsync(owner, $"{trail}?from=2026-05-02&to=2026-05-02")).Count);
        Assert.Equal(12, (await AllPagesAsync(owner, $"{trail}?from=2026-05-02&to=2026-05-02&action=Permission+set+changed")).Count);
        var (_, none) = await owner.GetPageAsync($"{trail}?who=nobody%40nowhere.test");
        Assert.NotNull(none.QuerySelector("[data-testid=no-entries]"));
        // Bad filters: a message beside the unfiltered trail, never an error.
        var (status, bad) = await owner.GetPageAsync($"{trail}?from=2026-06-01&to=2026-05-01");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("The From date must be on or before the To date.", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetPageAsync($"{trail}?after=not-a-cursor")).Status);

        // Diner's owner sees Diner's only; Cafe's owner cannot open Diner's; nor can the agency open a client's.
        using var dinerOwner = await Fixture.SignedInAsync(world.DinerOwner);
        Assert.Equal(10, (await AllPagesAsync(dinerOwner, $"/{world.Diner}/client/audit-trail")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/{world.Diner}/client/audit-trail")).StatusCode); // not hers: as if it did not exist
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/{world.Diner}/client/audit-trail?handler=Csv")).StatusCode);
    }

    [Fact]
    public async Task B1_the_partner_reads_its_own_account_and_its_work_in_clients_but_not_a_clients_internal_entries()
    {
        var world = await BuildAsync();
        await AddEntriesAsync(world);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var trail = $"/{world.Agency}/partner/audit-trail";

        var ids = await AllPagesAsync(boss, trail);
        var expected = await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.PartnerHubId == world.Agency || a.AccountHubId == world.Agency)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.Equal(expected, ids);
        Assert.Equal(65, ids.Count); // 60 in Cafe on its behalf, 5 in its own account; none of Cafe's own 60, none of Diner's
        Assert.Equal(60, (await AllPagesAsync(boss, $"{trail}?client={world.Cafe}")).Count);
        Assert.Equal(5, (await AllPagesAsync(boss, $"{trail}?client={world.Agency}")).Count);
        Assert.Empty(await AllPagesAsync(boss, $"{trail}?client={world.Diner}"));
        Assert.Equal(5, (await AllPagesAsync(boss, $"{trail}?action=User+added")).Count);

        var csv = await (await boss.GetAsync($"{trail}?handler=Csv&client={world.Cafe}&from=2026-05-02&to=2026-05-02")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("When (UTC),Who,Action,Whom or what,Before,After,Account,Hub ID,Through API token", lines[0]);
        Assert.Equal(12, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains($",Trail Cafe,{world.Cafe}", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task B1_an_audit_entry_cannot_be_changed_or_removed_through_the_apps_data_layer()
    {
        var world = await BuildAsync();
        await AddEntriesAsync(world);
        var id = await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.AccountHubId == world.Diner).Select(a => a.Id).FirstAsync());

        await Fixture.InDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            db.Entry(entry).Property(a => a.After).CurrentValue = "forged";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            // Around the change tracker, straight to the database: the database refuses the update.
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.After, "forged")));
            return 0;
        });
        Assert.Equal("b", await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.Id == id).Select(a => a.After).SingleAsync()));
    }

    [Fact]
    public async Task B1_retention_keeps_every_entry_by_default_and_removes_only_those_older_than_the_configured_days()
    {
        var world = await BuildAsync();
        await AddEntriesAsync(world); // May 2026: 135 entries
        var total = await Fixture.InDbAsync(db => db.AuditEntries.CountAsync());
        var now = Start.AddDays(3);
        Assert.Equal(0, await PurgeAsync(now, days: null));
        Assert.Equal(total, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync()));

        // Two days: the entries of May 1, 08:00 (Start) to May 2, 08:00 go; the rest stay.
        var older = await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.At < Start.AddDays(1)));
        Assert.Equal(older, await PurgeAsync(now, days: 2));
        Assert.Equal(total - older, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.At < Start.AddDays(1))));
    }

    private async Task<int> PurgeAsync(DateTimeOffset now, int? days)
    {
        var settings = new Dictionary<string, string?>();
        if (days is { } d) settings["Audit:RetentionDays"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        return await new Infrastructure.Jobs.AuditRetention(scope.ServiceProvider.GetRequiredService<PortalDb>(), new ManualClock(now), configuration)
            .PurgeAsync(CancellationToken.None);
    }
}
