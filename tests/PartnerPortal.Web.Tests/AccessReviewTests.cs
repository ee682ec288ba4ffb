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

/// <summary>B5: stale access flagged where it is seen; a review keeps or removes it with a reason the client reads; the quarterly schedule.</summary>
public sealed class AccessReviewTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private sealed record World(long Agency, string Boss, Guid BossId, Guid KimId, string Kim, Guid LeeId, long[] Clients, string CafeOwner, long Other, string OtherBoss);

    /// <summary>
    /// Kim (granted 50 days ago, no activity of hers) works in <paramref name="clients"/> clients; Lee in the first one too, with an
    /// activity 3 days ago. Another agency services the first client as well.
    /// </summary>
    private Task<World> BuildAsync(int clients = 2) => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Review Agency");
        var boss = w.Employee(agency, "Bo Review", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Review");
        var lee = w.Employee(agency, "Lee Review");
        var other = w.Partner("Other Review Agency");
        var otherBoss = w.Employee(other, "Oz Other", AccessType.SuperAdmin);
        var made = new List<ClientAccount>();
        for (var i = 0; i < clients; i++)
        {
            var client = w.Client($"Review Client {i}");
            w.Services(agency, client, activityDaysAgo: 3);
            w.Seat(client, agency, kim, AccessType.PartnerAdmin);
            made.Add(client);
        }
        w.Seat(made[0], agency, lee, AccessType.PartnerAdmin);
        return new World(agency.HubId, boss.Email, boss.Id, kim.Id, kim.Email, lee.Id, made.Select(c => c.HubId).ToArray(), WorldBuilder.OwnerOf(made[0]).Email,
            other.HubId, otherBoss.Email);
    });

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static string Key(long client, Guid user) => $"{client}:{user}";

    /// <summary>Lee worked in the first client 3 days ago; the agency's policy: stale after 30 days.</summary>
    private async Task<BrowserLikeClient> ReadyAsync(World world)
    {
        await Fixture.InDbAsync(db =>
        {
            db.QualifyingActivities.Add(new QualifyingActivity(world.Clients[0], world.Agency, world.LeeId, "Edited a contact", DateTimeOffset.UtcNow.AddDays(-3)));
            return db.SaveChangesAsync();
        });
        var boss = await Fixture.SignedInAsync(world.Boss);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"/{world.Agency}/partner/access-reviews?handler=Policy", [F("days", "30")])).StatusCode);
        return boss;
    }

    [Fact]
    public async Task B5_stale_access_is_flagged_on_the_Clients_tab_the_employee_panel_and_the_clients_ledger()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var (_, before) = await boss.GetPageAsync($"/{world.Agency}/partner/access-reviews");
        Assert.Equal("0", before.QuerySelector("[data-testid=stale-count]")!.TextContent); // 50 days without activity: not stale at the default 90
        boss.Dispose();

        using var ready = await ReadyAsync(world);
        var (_, review) = await ready.GetPageAsync($"/{world.Agency}/partner/access-reviews");
        Assert.Equal("2", review.QuerySelector("[data-testid=stale-count]")!.TextContent);
        Assert.NotNull(review.QuerySelector($"[data-access='{Key(world.Clients[0], world.KimId)}']"));
        Assert.Null(review.QuerySelector($"[data-access='{Key(world.Clients[0], world.LeeId)}']")); // Lee acted 3 days ago

        var (_, clients) = await ready.GetPageAsync($"/{world.Agency}/partner/client-access-manager?filtered=true&types=all");
        Assert.Equal("1 stale", clients.QuerySelector($"tr[data-hub-id='{world.Clients[0]}'] [data-testid=stale]")?.TextContent.Trim());
        var (_, panel) = await ready.GetPageAsync($"/{world.Agency}/partner/client-access-manager/employees/{world.KimId}");
        Assert.NotNull(panel.QuerySelector($"tr[data-hub-id='{world.Clients[0]}'] [data-testid=stale]"));
        var (_, leePanel) = await ready.GetPageAsync($"/{world.Agency}/partner/client-access-manager/employees/{world.LeeId}");
        Assert.Null(leePanel.QuerySelector("[data-testid=stale]"));

        using var owner = await Fixture.SignedInAsync(world.CafeOwner);
        var (_, ledger) = await owner.GetPageAsync($"/{world.Clients[0]}/client/partner-access");
        Assert.Single(ledger.QuerySelectorAll("[data-testid=stale]"));
    }

    [Fact]
    public async Task B5_a_review_keeps_or_removes_the_ticked_stale_access_with_a_reason_that_each_client_reads_in_its_trail()
    {
        var world = await BuildAsync();
        using var boss = await ReadyAsync(world);
        var page = $"/{world.Agency}/partner/access-reviews";
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"{page}?handler=Start", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await boss.PostCraftedAsync($"{page}?handler=Start", [])).StatusCode); // one open review at a time

        // No reason: refused, nothing changes.
        var noReason = await boss.PostCraftedAsync($"{page}?handler=Decide", [F("access", Key(world.Clients[0], world.KimId)), F("decision", "remove")]);
        Assert.Contains("Give a reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"{page}?handler=Decide",
            [F("access", Key(world.Clients[0], world.KimId)), F("decision", "keep"), F("reason", "On retainer until June")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"{page}?handler=Decide",
            [F("access", Key(world.Clients[1], world.KimId)), F("decision", "remove"), F("reason", "Project finished")])).StatusCode);

        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Clients[0] && m.UserId == world.KimId)));
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Clients[1] && m.UserId == world.KimId)));
        var (_, after) = await boss.GetPageAsync(page);
        Assert.NotNull(after.QuerySelector("[data-testid=no-stale]")); // kept: not stale until the period passes again
        Assert.Contains("1 kept, 1 removed", after.QuerySelector("[data-testid=open-review]")!.TextContent, StringComparison.Ordinal);

        // Each client reads the outcome and the reason in its own trail.
        using var owner = await Fixture.SignedInAsync(world.CafeOwner);
        var (_, trail) = await owner.GetPageAsync($"/{world.Clients[0]}/client/audit-trail?action={Uri.EscapeDataString(AuditActions.AccessKeptAfterReview)}");
        Assert.Contains("On retainer until June", trail.QuerySelector("table[aria-label='Audit trail']")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.AccountHubId == world.Clients[1] && a.Action == AuditActions.AccessRemovedAfterReview
            && a.After!.Contains("Project finished"))));

        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"{page}?handler=Complete", [])).StatusCode);
        Assert.Null(await Fixture.InDbAsync(db => db.AccessReviews.Where(r => r.PartnerHubId == world.Agency).Select(r => r.OpenFor).SingleAsync()));
    }

    [Fact]
    public async Task B5_another_partners_access_cannot_be_decided_and_nothing_changes()
    {
        var world = await BuildAsync();
        using var ready = await ReadyAsync(world);
        using var other = await Fixture.SignedInAsync(world.OtherBoss);
        var forged = await other.PostCraftedAsync($"/{world.Other}/partner/access-reviews?handler=Decide",
            [F("access", Key(world.Clients[0], world.KimId)), F("decision", "remove"), F("reason", "Not mine")]);
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode); // not found, or refused as not one of its partner employees
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostCraftedAsync($"/{world.Agency}/partner/access-reviews?handler=Decide",
            [F("access", Key(world.Clients[0], world.KimId)), F("decision", "remove"), F("reason", "Not mine")])).StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Clients[0] && m.UserId == world.KimId)));
    }

    [Fact]
    public async Task B5_removing_many_at_once_is_set_based_the_same_statements_for_2_clients_as_for_30()
    {
        var counts = new List<int>();
        foreach (var n in new[] { 2, 30 })
        {
            var world = await BuildAsync(n);
            using var boss = await ReadyAsync(world);
            var counter = Fixture.Service<StatementCounter>();
            var token = await boss.AntiforgeryTokenAsync();
            var fields = world.Clients.Select(c => F("access", Key(c, world.KimId))).Concat([F("decision", "remove"), F("reason", "Cleanup"), F("__RequestVerificationToken", token)]).ToList();
            counter.Clear();
            Assert.Equal(HttpStatusCode.Redirect, (await boss.PostRawAsync($"/{world.Agency}/partner/access-reviews?handler=Decide", fields)).StatusCode);
            counts.Add(counter.Statements.Count);
            Assert.Equal(0, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world.KimId && m.AccountKind == AccountKind.Client)));
        }
        output.WriteLine($"2 clients: {counts[0]} statements; 30 clients: {counts[1]}");
        Assert.Equal(counts[0], counts[1]);
    }

    private async Task<(int Started, int Reminded)> ScheduleAsync(DateTimeOffset at)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = new ManualClock(at);
        var db = services.GetRequiredService<PortalDb>();
        return await new AccessReviewSchedule(db, new MailOutbox(db, clock), services.GetRequiredService<PublicUrls>(), clock).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task B5_a_quarterly_review_starts_once_a_quarter_and_an_overdue_one_is_reminded_once_with_three_instances()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"/{world.Agency}/partner/access-reviews?handler=Policy", [F("days", "90"), F("quarterly", "true")])).StatusCode);
        var quarter = AccessReviewSchedule.QuarterStart(DateTimeOffset.UtcNow).AddMonths(3).AddHours(1);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ScheduleAsync(quarter))));
        var reviews = await Fixture.InDbAsync(db => db.AccessReviews.AsNoTracking().Where(r => r.PartnerHubId == world.Agency).ToListAsync());
        Assert.Single(reviews);
        Assert.Null(reviews[0].StartedByUserId);
        Assert.Equal((0, 0), await ScheduleAsync(quarter.AddDays(3)));

        var overdue = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ScheduleAsync(quarter.AddDays(15)))));
        Assert.Equal(1, overdue.Count(r => r.Reminded == 1));
        Assert.Equal((0, 0), await ScheduleAsync(quarter.AddDays(16)));
        var notices = await Fixture.InDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == world.BossId && n.Kind == NotificationKind.AccessReview).Select(n => n.Title).ToListAsync());
        Assert.Equal(["Your access review is overdue", "Your quarterly access review has started"], notices.Order());
        output.WriteLine($"started by runs: {string.Join(", ", runs.Select(r => r.Started))}");
    }
}
