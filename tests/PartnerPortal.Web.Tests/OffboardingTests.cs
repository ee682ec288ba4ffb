using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Pages.Partner.Dashboard;
using PartnerPortal.Web.Pages.Partner.ClientAccessManager;
using PartnerPortal.Web.Infrastructure;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>B4: one-click offboarding from the employee panel — a review, every client at once, a receipt per client and as CSV.</summary>
public sealed class OffboardingTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private sealed record OffboardWorld(long Agency, string Boss, string AccessManager, Guid Hana, long Alone, long Shared, long Owned);

    /// <summary>Hana works for the agency in Alone Co (its only employee), Shared Co (beside Kai, who is Cam) and Owned Co (its only Super Admin); she is assigned to Shared Co.</summary>
    private Task<OffboardWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Offboard Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var cam = w.Employee(agency, "Cam Access", permissions: Permission.ClientAccessManager | Permission.PartnerEmployeeManagement);
        var hana = w.Employee(agency, "Hana Leaving");
        var alone = w.Client("Alone Co");
        w.Services(agency, alone, activityDaysAgo: 10);
        w.Seat(alone, agency, hana, AccessType.User, "Marketing");
        var shared = w.Client("Shared Co");
        w.Services(agency, shared);
        w.Seat(shared, agency, hana, AccessType.PartnerAdmin);
        w.Seat(shared, agency, cam, AccessType.PartnerAdmin);
        w.Assign(agency, hana, shared);
        var owned = w.Client("Owned Co", withOwner: false);
        w.Services(agency, owned);
        w.Seat(owned, agency, hana, AccessType.SuperAdmin);
        return new OffboardWorld(agency.HubId, boss.Email, cam.Email, hana.Id, alone.HubId, shared.HubId, owned.HubId);
    });

    private static string Text(IDocument page) => page.QuerySelector("main")!.TextContent;

    [Fact]
    public async Task B4_Offboard_reviews_then_removes_the_employee_from_every_client_and_ends_on_a_receipt_per_client_and_as_CSV()
    {
        var world = await BuildAsync();
        using var cam = await Fixture.SignedInAsync(world.AccessManager);
        var panel = $"/{world.Agency}/partner/dashboard/employees/{world.Hana}";

        // Cam has Client access manager but not Add and edit users: no "also from the partner account" for him.
        using var reviewed = await cam.SubmitFormAsync(panel, new Dictionary<string, string>(), "main form[action*=offboard]");
        var review = await BrowserLikeClient.ParseAsync(reviewed);
        var rows = review.QuerySelectorAll("table[aria-label='Removal review'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("Owned Co", StringComparison.Ordinal) && r.Contains("Stays: Hana Leaving is a Super Admin of Owned Co: only the client's own Super Admins", StringComparison.Ordinal));
        Assert.Contains("Their 1 client assignment goes too.", Text(review), StringComparison.Ordinal);
        Assert.Null(review.QuerySelector("#also-from-partner"));
        Assert.Equal(4, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world.Hana)));

        Assert.NotNull(review.QuerySelector("main form[action*=Confirm]"));
        using var done = await cam.PostCraftedAsync($"{panel}/offboard?handler=Confirm", []);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var receiptUrl = BrowserLikeClient.LocationOf(done);
        Assert.Contains("/receipts/", receiptUrl, StringComparison.Ordinal);
        Assert.Equal([world.Agency, world.Owned], (await Fixture.InDbAsync(db => db.Memberships.Where(m => m.UserId == world.Hana).Select(m => m.AccountHubId).ToListAsync())).Order());
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Assignments.CountAsync(a => a.EmployeeUserId == world.Hana)));
        Assert.Equal(RelationshipState.Ending, await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == world.Alone).Select(r => r.State).SingleAsync()));

        // The receipt: what was revoked in each client, by whom and when; the client that kept her says why.
        var (_, receipt) = await cam.GetPageAsync(receiptUrl);
        Assert.Contains("Hana Leaving was offboarded: removed from 2 client accounts. 1 assignment removed. They stay in 1 client account, where only the client can remove them: " +
            "the receipt says why, and its Super Admins were told.",
            receipt.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var entries = receipt.QuerySelectorAll("table[aria-label='What changed'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(entries, e => e.Contains("Alone Co", StringComparison.Ordinal) && e.Contains(AuditActions.PartnerEmployeeOffboarded, StringComparison.Ordinal) && e.Contains(world.AccessManager, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Alone Co", StringComparison.Ordinal) && e.Contains(AuditActions.RelationshipEnding, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Owned Co", StringComparison.Ordinal) && e.Contains("Partner employee offboarded: stays", StringComparison.Ordinal)
            && e.Contains("only the client's own Super Admins", StringComparison.Ordinal));
        // One client's part of it, and the whole as CSV.
        var (_, ownedOnly) = await cam.GetPageAsync($"{receiptUrl}?client={world.Owned}");
        Assert.All(ownedOnly.QuerySelectorAll("table[aria-label='What changed'] tbody tr"), r => Assert.Contains("Owned Co", r.TextContent, StringComparison.Ordinal));
        using var csv = await cam.GetAsync($"{receiptUrl}?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Client,Hub ID,Change,Who or what,Before,After,By,When (UTC)", lines[0]);
        Assert.Equal(entries.Count, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith($"Owned Co,{world.Owned},Partner employee offboarded: stays,", StringComparison.Ordinal));
        // It can be opened again later: Partner Employees → Offboarding receipts.
        var (_, receipts) = await cam.GetPageAsync($"/{world.Agency}/partner/dashboard/offboarding-receipts");
        var listed = Assert.Single(receipts.QuerySelectorAll("table[aria-label='Offboarding receipts'] tbody tr"));
        Assert.Contains("3", listed.QuerySelectorAll("td")[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(receiptUrl, listed.QuerySelector("a")!.GetAttribute("href"));
        // Each client's own trail says the same.
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == world.Alone && e.Action == AuditActions.PartnerEmployeeOffboarded)));
    }

    [Fact]
    public async Task B4_Offboard_can_also_remove_them_from_the_partner_account_for_whoever_may_add_and_edit_users()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var offboard = $"/{world.Agency}/partner/dashboard/employees/{world.Hana}/offboard";

        using var done = await boss.PostCraftedAsync($"{offboard}?handler=Confirm", [new("alsoFromPartner", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal([world.Owned], await Fixture.InDbAsync(db => db.Memberships.Where(m => m.UserId == world.Hana).Select(m => m.AccountHubId).ToListAsync()));
        // Cam may offboard, but not remove a user from the partner account (R20 takes Add and edit users): refused, nothing changes.
        var world2 = await BuildAsync();
        using var cam = await Fixture.SignedInAsync(world2.AccessManager);
        using var refused = await cam.PostCraftedAsync($"/{world2.Agency}/partner/dashboard/employees/{world2.Hana}/offboard?handler=Confirm", [new("alsoFromPartner", "true")]);
        Assert.Contains(Account.NeedsAddAndEditUsers, Text(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);
        Assert.Equal(4, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world2.Hana)));
    }

    [Fact]
    public async Task B4_offboarding_sends_the_same_number_of_statements_for_1_and_for_200_clients()
    {
        async Task<int> StatementsAsync(int clients)
        {
            var (agency, boss, leaver) = await Fixture.BuildAsync(w =>
            {
                var agency = w.Partner($"Offboard Count {clients}");
                var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
                var leaver = w.Employee(agency, "Lee Leaver");
                var kai = w.Employee(agency, "Kai Keeps");
                for (var i = 0; i < clients; i++)
                {
                    var client = w.Client($"Offboard Client {i:000}");
                    w.Services(agency, client);
                    w.Seat(client, agency, leaver, AccessType.User, "Marketing");
                    w.Assign(agency, leaver, client);
                    // Kai in every other client from the second: in both runs some clients stop earning credit (R15),
                    // so that both rewrite the agency's managed credit sums.
                    if (i % 2 == 1) w.Seat(client, agency, kai, AccessType.User, "Sales");
                }
                return (agency.HubId, boss.Email, leaver.Id);
            });
            using var user = await Fixture.SignedInAsync(boss);
            var token = await user.AntiforgeryTokenAsync();
            var counter = Fixture.Service<StatementCounter>();
            counter.Clear();
            using var response = await user.PostRawAsync($"/{agency}/partner/dashboard/employees/{leaver}/offboard?handler=Confirm", [new("__RequestVerificationToken", token)]);
            var statements = counter.Statements.Count;
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(1, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == leaver)));
            Assert.Equal(0, await Fixture.InDbAsync(db => db.Assignments.CountAsync(a => a.EmployeeUserId == leaver)));
            Assert.Equal(clients, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(e => e.PartnerHubId == agency && e.Action == AuditActions.PartnerEmployeeOffboarded)));
            output.WriteLine($"{clients} clients: {statements} statements");
            return statements;
        }

        Assert.Equal(await StatementsAsync(1), await StatementsAsync(200));
    }

    /// <summary>
    /// B4 and R20 raced against R14: two Super Admins of many clients, both the agency's employees, offboarded and demoted at once.
    /// Whatever wins, every client keeps a Super Admin, and every loser gets an answer, never an error.
    /// </summary>
    [Fact]
    public async Task B4_R20_offboarding_raced_with_demotions_never_leaves_a_client_without_a_Super_Admin()
    {
        const int accounts = 10;
        var (agency, boss, ava, ben, hubIds) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Offboard Race Agency");
            var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
            var ava = w.Employee(agency, "Ava Racer", AccessType.SuperAdmin);
            var ben = w.Employee(agency, "Ben Racer", permissions: Permission.ClientAccessManager);
            var hubIds = new List<long>();
            for (var i = 0; i < accounts; i++)
            {
                var client = w.Client($"Offboard Race {i}", withOwner: false); // Ava and Ben are its only Super Admins
                w.Services(agency, client);
                w.Seat(client, agency, ava, AccessType.SuperAdmin);
                w.Seat(client, agency, ben, AccessType.SuperAdmin);
                hubIds.Add(client.HubId);
            }
            return (agency.HubId, boss.Email, ava, ben, hubIds);
        });

        // The demotions go first, the offboardings among them: each client sees both kinds of change at once.
        var requests = hubIds.SelectMany(hubId => new Func<Task<IHandlerResult>>[]
        {
            async () => await Fixture.SendAsync(new ChangeToPartnerAdminModel.Command { PartnerHubId = agency, ClientHubId = hubId, UserId = ava.Id }, ava.Email),
            async () => await Fixture.SendAsync(new ChangeToPartnerAdminModel.Command { PartnerHubId = agency, ClientHubId = hubId, UserId = ben.Id }, ben.Email),
        }).ToList();
        requests.Insert(accounts / 2, async () => await Fixture.SendAsync(new OffboardModel.Command(agency, ava.Id, AlsoFromPartner: false), boss));
        requests.Insert(accounts, async () => await Fixture.SendAsync(new OffboardModel.Command(agency, ben.Id, AlsoFromPartner: false), boss));
        requests.Insert(accounts + 3, async () => await Fixture.SendAsync(new Pages.Settings.RemoveUserModel.Command(agency, ben.Id), boss));
        var results = await Task.WhenAll(requests.Select(r => Task.Run(r)));

        var withSuperAdmin = await Fixture.InDbAsync(db => db.Memberships.Where(m => hubIds.Contains(m.AccountHubId) && m.AccessType == AccessType.SuperAdmin)
            .Select(m => m.AccountHubId).Distinct().ToListAsync());
        Assert.Equal(hubIds.Order(), withSuperAdmin.Order());
        output.WriteLine(string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.All(results, r => Assert.True(r.Status is ResultStatus.Ok or ResultStatus.Refused or ResultStatus.Forbidden or ResultStatus.NotFound, $"{r.Status}: {r.Message}"));
        Assert.True(results[accounts / 2].Succeeded, results[accounts / 2].Message); // offboarding never fails for R14: who must stay, stays
    }
}
