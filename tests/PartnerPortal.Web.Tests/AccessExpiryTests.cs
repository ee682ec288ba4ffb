using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Jobs;
using PartnerPortal.Web.Infrastructure.Mail;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>B3: time-bound access — the end date set when adding and approving, the reminders and the expiry job with a clock the test moves.</summary>
public sealed class AccessExpiryTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private sealed record World(long Agency, string Boss, Guid BossId, string Kim, Guid KimId, string Lee, Guid LeeId, long Cafe, string Owner, Guid OwnerId,
        long Diner, DateTimeOffset EndsAt);

    /// <summary>
    /// Kim's access to Cafe ends in 40 days, Lee's (the only partner employee at Diner) too; Boss is the agency's Super Admin.
    /// The demo world's own time-bound access (George's) is made open-ended, so that the jobs' counts are this world's.
    /// </summary>
    private async Task<World> BuildAsync()
    {
        await Fixture.InDbAsync(db => db.Memberships.Where(m => m.ExpiresAt != null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, (DateTimeOffset?)null)));
        return await BuildOwnAsync();
    }

    private Task<World> BuildOwnAsync() => Fixture.BuildAsync(w =>
    {
        var endsAt = Now.AddDays(40);
        var agency = w.Partner("Timed Agency");
        var boss = w.Employee(agency, "Bo Timed", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Timed");
        var lee = w.Employee(agency, "Lee Timed");
        var cafe = w.Client("Timed Cafe");
        var diner = w.Client("Timed Diner");
        w.Services(agency, cafe, activityDaysAgo: 100);
        w.Services(agency, diner, activityDaysAgo: 100);
        w.Seat(cafe, agency, kim, AccessType.PartnerAdmin, endsAt: endsAt);
        w.Seat(cafe, agency, boss, AccessType.PartnerAdmin);
        w.Seat(diner, agency, lee, AccessType.PartnerAdmin, endsAt: endsAt);
        var owner = WorldBuilder.OwnerOf(cafe);
        return new World(agency.HubId, boss.Email, boss.Id, kim.Email, kim.Id, lee.Email, lee.Id, cafe.HubId, owner.Email, owner.Id, diner.HubId, endsAt);
    });

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private async Task<(int Reminded, int Expired)> RunAsync(DateTimeOffset at)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = new ManualClock(at);
        var db = services.GetRequiredService<PortalDb>();
        var expiry = new AccessExpiry(db, new MailOutbox(db, clock), services.GetRequiredService<PublicUrls>(),
            services.GetRequiredService<Infrastructure.DomainEvents.RelationshipKeeper>(), clock);
        return (await expiry.RemindAsync(CancellationToken.None), await expiry.ExpireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task B3_the_job_removes_the_access_of_1_and_of_60_clients_in_the_same_number_of_statements()
    {
        await Fixture.InDbAsync(db => db.Memberships.Where(m => m.ExpiresAt != null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, (DateTimeOffset?)null)));
        async Task<int> StatementsAsync(int clients)
        {
            var endsAt = Now.AddDays(40);
            await Fixture.BuildAsync(w =>
            {
                var agency = w.Partner($"Expiring Agency {clients}");
                w.Employee(agency, "Bo Expiring", AccessType.SuperAdmin);
                for (var i = 0; i < clients; i++)
                {
                    var client = w.Client($"Expiring {clients} Client {i:00}");
                    w.Services(agency, client, activityDaysAgo: 100);
                    // The only partner employee there, and another whose access stays, in every other client.
                    w.Seat(client, agency, w.Employee(agency, $"Eve Expiring {clients}-{i:00}"), AccessType.PartnerAdmin, endsAt: endsAt);
                    if (i % 2 == 1) w.Seat(client, agency, w.Employee(agency, $"Sam Stays {clients}-{i:00}"), AccessType.User, "Sales");
                }
                return 0;
            });
            await using var scope = Fixture.Factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var clock = new ManualClock(endsAt.AddHours(1));
            var db = services.GetRequiredService<PortalDb>();
            var expiry = new AccessExpiry(db, new MailOutbox(db, clock), services.GetRequiredService<PublicUrls>(),
                services.GetRequiredService<Infrastructure.DomainEvents.RelationshipKeeper>(), clock);
            var counter = Fixture.Service<StatementCounter>();
            counter.Clear();
            Assert.Equal(clients, await expiry.ExpireAsync(CancellationToken.None));
            var statements = counter.Statements.Count;
            output.WriteLine($"{clients} clients: {statements} statements");
            return statements;
        }

        Assert.Equal(await StatementsAsync(1), await StatementsAsync(60));
    }

    private Task<List<(Guid UserId, string Title)>> NoticesAsync(NotificationKind kind) => Fixture.InDbAsync(async db =>
        (await db.Notifications.AsNoTracking().Where(n => n.Kind == kind).Select(n => new { n.UserId, n.Title }).ToListAsync()).Select(n => (n.UserId, n.Title)).ToList());

    [Fact]
    public async Task B3_reminders_go_30_7_and_1_days_before_to_the_employee_the_partners_managers_and_the_clients_Super_Admins_each_once_with_three_instances()
    {
        var world = await BuildAsync();
        Assert.Equal((0, 0), await RunAsync(world.EndsAt.AddDays(-31)));

        foreach (var daysBefore in new[] { 30, 7, 1 })
        {
            // Three instances at once, and a restart later at the same stage: one reminder of each access.
            var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => RunAsync(world.EndsAt.AddDays(-daysBefore).AddMinutes(1)))));
            Assert.Equal(2, runs.Sum(r => r.Reminded));
            Assert.Equal((0, 0), await RunAsync(world.EndsAt.AddDays(-daysBefore).AddHours(2)));
        }
        var reminders = await Fixture.InDbAsync(db => db.AccessReminders.AsNoTracking().Select(r => r.DaysBefore).ToListAsync());
        Assert.Equal([1, 1, 7, 7, 30, 30], reminders.Order());

        var notices = await NoticesAsync(NotificationKind.AccessExpiring);
        // Kim and Lee hear of their own access; Boss (the agency's Super Admin) of both, in one notice a stage; Cafe's owner of Kim's.
        Assert.Equal(3, notices.Count(n => n.UserId == world.KimId));
        Assert.Equal(3, notices.Count(n => n.UserId == world.LeeId));
        Assert.Equal(3, notices.Count(n => n.UserId == world.BossId));
        Assert.Contains(notices, n => n.UserId == world.BossId && n.Title == "2 partner accesses end soon");
        Assert.Equal(3, notices.Count(n => n.UserId == world.OwnerId));
        Assert.Contains(await Fixture.DeliveredMailAsync(), m => m.Contains(world.Kim, StringComparison.Ordinal) && m.Contains("Access ends", StringComparison.Ordinal));
    }

    [Fact]
    public async Task B3_a_new_end_date_starts_the_reminders_anew_and_an_end_date_nearer_than_30_days_gets_only_the_nearest_reminder()
    {
        var world = await BuildAsync();
        Assert.Equal(2, (await RunAsync(world.EndsAt.AddDays(-6))).Reminded); // 7 days or fewer left: the 7-day reminder, not the 30-day one
        Assert.Equal([7, 7], await Fixture.InDbAsync(db => db.AccessReminders.Select(r => r.DaysBefore).ToListAsync()));

        using var owner = await Fixture.SignedInAsync(world.Owner);
        var later = DateOnly.FromDateTime(Now.AddDays(60).UtcDateTime);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"/{world.Cafe}/client/partner-access?handler=EndDate",
            [F("user", $"{world.KimId}"), F("endsOn", later.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))])).StatusCode);
        Assert.Equal(0, (await RunAsync(Now.AddDays(1))).Reminded); // Kim's access now ends in 2 months
        Assert.Equal(1, (await RunAsync(AccessEnd.EndOf(later)!.Value.AddDays(-29))).Reminded);
    }

    [Fact]
    public async Task B3_when_the_end_passes_the_job_removes_the_access_says_expired_in_the_trail_and_R12_starts_where_no_partner_employee_is_left()
    {
        var world = await BuildAsync();
        Assert.Equal(0, (await RunAsync(world.EndsAt.AddMinutes(-1))).Expired);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => RunAsync(world.EndsAt.AddMinutes(1)))));

        Assert.Equal(2, runs.Sum(r => r.Expired));
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == world.KimId && m.AccountHubId == world.Cafe)));
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == world.LeeId && m.AccountHubId == world.Diner)));
        var entries = await Fixture.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.AccessExpired && a.PartnerHubId == world.Agency).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Null(e.ActorUserId));
        Assert.Contains(entries, e => e.AccountHubId == world.Cafe && e.Subject == world.Kim && e.After == Account.NoAccess);
        // R12: Cafe keeps Boss, a partner employee; Diner has none left and its last activity is old, so the relationship ends.
        var states = await Fixture.InDbAsync(db => db.Relationships.AsNoTracking().Where(r => r.PartnerHubId == world.Agency)
            .ToDictionaryAsync(r => r.ClientHubId, r => r.State));
        Assert.Equal(RelationshipState.Active, states[world.Cafe]);
        Assert.NotEqual(RelationshipState.Active, states[world.Diner]);
        var expired = await NoticesAsync(NotificationKind.AccessExpired);
        Assert.Contains(expired, n => n.UserId == world.KimId);
        Assert.Contains(expired, n => n.UserId == world.OwnerId);
        Assert.Equal((0, 0), await RunAsync(world.EndsAt.AddDays(1)));
    }

    [Fact]
    public async Task B3_a_Super_Admin_who_became_the_only_one_is_never_removed_by_the_end_date()
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Timed Super Agency");
            var sam = w.Employee(agency, "Sam Super");
            var shop = w.Client("Timed Shop");
            w.Services(agency, shop);
            w.Seat(shop, agency, sam, AccessType.SuperAdmin, endsAt: Now.AddDays(10)); // the owner is a Super Admin too, so the date could be set
            return (Shop: shop.HubId, Sam: sam.Id, Owner: WorldBuilder.OwnerOf(shop).Id);
        });
        // The owner leaves: Sam is now the shop's only Super Admin.
        await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Shop && m.UserId == world.Owner).ExecuteDeleteAsync());

        Assert.Equal(0, (await RunAsync(Now.AddDays(11))).Expired);

        var sam = await Fixture.InDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountHubId == world.Shop && m.UserId == world.Sam));
        Assert.Equal(AccessType.SuperAdmin, sam.AccessType);
        Assert.Null(sam.ExpiresAt);
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.AccountHubId == world.Shop && a.Action == AuditActions.AccessExpiredStays)));
    }

    [Fact]
    public async Task B3_an_end_date_is_set_when_adding_employees_and_when_approving_an_access_link_and_a_past_one_is_refused_changing_nothing()
    {
        var world = await BuildAsync();
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var add = $"/{Personas.Brightwave}/partner/client-access-manager/clients/{Personas.HarborCoffee}/add-employees";
        var setId = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == Personas.HarborCoffee && s.IsStandardPartnerAdmin).Select(s => s.Id).SingleAsync());
        var yesterday = DateOnly.FromDateTime(Now.AddDays(-1).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await ava.PostCraftedAsync(add, [F("Data.EmployeeIds", $"{hana}"), F("Data.PermissionSetId", $"{setId}"), F("Data.EndsOn", yesterday)]);
        Assert.Contains("Choose an end date after today.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == hana)));

        var day = DateOnly.FromDateTime(Now.AddDays(20).UtcDateTime);
        var added = await ava.PostCraftedAsync(add, [F("Data.EmployeeIds", $"{hana}"), F("Data.PermissionSetId", $"{setId}"),
            F("Data.EndsOn", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(AccessEnd.EndOf(day), await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == hana).Select(m => m.ExpiresAt).SingleAsync()));

        // Approving Hana's access link into Nordic Outdoor: the approver sets the last day.
        using var lars = await Fixture.SignedInAsync(Personas.NordicSuperAdmin);
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        var approved = await lars.PostCraftedAsync($"/access/{token}", [F("Data.ClientHubId", $"{Personas.NordicOutdoor}"), F("Data.EndsOn", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var there = await Fixture.InDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountHubId == Personas.NordicOutdoor && m.UserId == hana));
        Assert.Equal(AccessEnd.EndOf(day), there.ExpiresAt);
        var (_, ledger) = await lars.GetPageAsync($"/{Personas.NordicOutdoor}/client/partner-access?partner={Personas.Brightwave}");
        Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ledger.QuerySelector($"#ends-{hana}")!.GetAttribute("value"));
        output.WriteLine($"Hana's access to Nordic ends {there.ExpiresAt:O}");
    }

    [Fact]
    public async Task B3_the_partner_asks_the_client_to_extend_and_nothing_changes_until_the_client_sets_the_new_date()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var panel = $"/{world.Agency}/partner/client-access-manager/employees/{world.KimId}";
        var (_, page) = await boss.GetPageAsync(panel);
        Assert.NotNull(page.QuerySelector($"tr[data-hub-id='{world.Cafe}'] [data-testid=ends]"));
        var later = DateOnly.FromDateTime(world.EndsAt.AddDays(30).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var earlier = DateOnly.FromDateTime(world.EndsAt.AddDays(-5).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Ask for a day after", await (await boss.PostCraftedAsync($"{panel}?handler=AskToExtend", [F("client", $"{world.Cafe}"), F("until", earlier)])).Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await boss.PostCraftedAsync($"{panel}?handler=AskToExtend", [F("client", $"{world.Diner}"), F("until", later)])).StatusCode); // Kim is not in Diner
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"{panel}?handler=AskToExtend", [F("client", $"{world.Cafe}"), F("until", later)])).StatusCode);

        var endsAt = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Cafe && m.UserId == world.KimId).Select(m => m.ExpiresAt).SingleAsync());
        Assert.Equal(world.EndsAt, endsAt!.Value, TimeSpan.FromMilliseconds(1)); // unchanged (as stored: to the millisecond on SQLite)
        var asked = await NoticesAsync(NotificationKind.ExtensionRequested);
        var notice = Assert.Single(asked);
        Assert.Equal(world.OwnerId, notice.UserId);
        Assert.Contains("Kim Timed", notice.Title, StringComparison.Ordinal);
    }
}
