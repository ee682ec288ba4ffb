using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>R20: removing a user from the partner account revokes their access in every client account at once.</summary>
public sealed class RemoveUserTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record RemovalWorld(long Agency, string Boss, string UsersAdmin, Guid Hana, Guid BossId, long Alone, long Shared, long Owned);

    /// <summary>
    /// Hana works for Removal Agency in Alone Co (its only partner employee), Shared Co (beside Kai) and Owned Co (where
    /// she is the only Super Admin). Bea is the agency's Super Admin, Ada has Add and edit users.
    /// </summary>
    private Task<RemovalWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Removal Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var admin = w.Employee(agency, "Ada Admin", permissions: Permission.AddAndEditUsers);
        var hana = w.Employee(agency, "Hana Leaving");
        var kai = w.Employee(agency, "Kai Staying");
        var alone = w.Client("Alone Co");
        w.Services(agency, alone, activityDaysAgo: 10);
        w.Seat(alone, agency, hana, AccessType.User, "Marketing");
        var shared = w.Client("Shared Co");
        w.Services(agency, shared);
        w.Seat(shared, agency, hana, AccessType.PartnerAdmin);
        w.Seat(shared, agency, kai, AccessType.PartnerAdmin);
        var owned = w.Client("Owned Co", withOwner: false);
        w.Services(agency, owned);
        w.Seat(owned, agency, hana, AccessType.SuperAdmin);
        return new RemovalWorld(agency.HubId, boss.Email, admin.Email, hana.Id, boss.Id, alone.HubId, shared.HubId, owned.HubId);
    });

    private static string Text(IDocument page) => page.QuerySelector("main")!.TextContent;

    [Fact]
    public async Task R20_removing_a_user_revokes_their_access_in_every_client_at_once_after_a_review_of_what_they_lose()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        var remove = $"/{world.Agency}/settings/users/{world.Hana}/remove";

        // The user panel's Remove user shows the review first: every client, what she loses, what becomes of each relationship.
        using (var reviewed = await admin.SubmitFormAsync($"/{world.Agency}/settings/users/{world.Hana}", new Dictionary<string, string>(), "main form[action*=Review]"))
        {
            Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
            var review = await BrowserLikeClient.ParseAsync(reviewed);
            var rows = review.QuerySelectorAll("table[aria-label='Removal review'] tbody tr").Select(r => r.TextContent).ToList();
            Assert.Equal(3, rows.Count);
            Assert.Contains(rows, r => r.Contains("Alone Co", StringComparison.Ordinal) && r.Contains("User (Marketing)", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Contains("Owned Co", StringComparison.Ordinal) && r.Contains("Stays: Hana Leaving is a Super Admin of Owned Co: only the client's own Super Admins", StringComparison.Ordinal));
            Assert.Contains("Alone Co: No partner employees remain: the relationship becomes Ending", Text(review), StringComparison.Ordinal);
            Assert.Contains("Shared Co: 1 of your partner employees keeps access", Text(review), StringComparison.Ordinal);
        }
        Assert.Equal(4, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world.Hana)));

        using var done = await admin.PostCraftedAsync($"{remove}?handler=Confirm", []);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, users) = await admin.GetPageAsync(BrowserLikeClient.LocationOf(done));
        Assert.Contains("Hana Leaving was removed from Removal Agency and from 2 client accounts. They stay in 1 client account, where only the client can remove them: " +
            "the receipt says why, and its Super Admins were told. There they are now the client's own user.", users.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var left = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.UserId == world.Hana).Select(m => new { m.AccountHubId, m.PartnerHubId, m.Seat, m.AccessType }).ToListAsync());
        // Defect 7 of issue 22: she stays a Super Admin of Owned Co, but as its own user: no partner seat, no credit, nobody's employee.
        Assert.Equal([(world.Owned, (long?)null, SeatType.Core, AccessType.SuperAdmin)], left.Select(m => (m.AccountHubId, m.PartnerHubId, m.Seat, m.AccessType)));
        Assert.Equal(RelationshipState.Ending, await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == world.Alone).Select(r => r.State).SingleAsync()));
        Assert.Equal(RelationshipState.Active, await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == world.Shared).Select(r => r.State).SingleAsync()));
        Assert.False(await Fixture.InDbAsync(db => db.AccessLinks.AnyAsync(l => l.EmployeeUserId == world.Hana)));
        // Each client's audit trail says what she lost there.
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == world.Alone && e.Action.StartsWith(AuditActions.PartnerEmployeeRemoved))));
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == world.Agency && e.Action == AuditActions.UserRemoved)));
    }

    [Fact]
    public async Task R20_nobody_removes_themselves_a_Super_Admin_is_removed_only_by_a_Super_Admin_and_nothing_changes_when_refused()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var before = await Fixture.InDbAsync(db => db.Memberships.CountAsync());

        using (var bossByAdmin = await admin.PostCraftedAsync($"/{world.Agency}/settings/users/{world.BossId}/remove?handler=Confirm", []))
            Assert.Contains("is a Super Admin of Removal Agency: only another Super Admin of Removal Agency can offboard or remove them.",
                Text(await BrowserLikeClient.ParseAsync(bossByAdmin)), StringComparison.Ordinal);
        using (var self = await boss.PostCraftedAsync($"/{world.Agency}/settings/users/{world.BossId}/remove?handler=Review", []))
        {
            var review = await BrowserLikeClient.ParseAsync(self);
            Assert.Contains("You cannot remove yourself.", Text(review), StringComparison.Ordinal);
            Assert.Null(review.QuerySelector("form[action*=Confirm]"));
        }
        using (var selfConfirm = await boss.PostCraftedAsync($"/{world.Agency}/settings/users/{world.BossId}/remove?handler=Confirm", []))
            Assert.Contains("You cannot remove yourself.", Text(await BrowserLikeClient.ParseAsync(selfConfirm)), StringComparison.Ordinal);

        Assert.Equal(before, await Fixture.InDbAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task R20_removing_a_user_sends_the_same_number_of_statements_for_1_and_for_60_clients()
    {
        async Task<int> StatementsAsync(int clients)
        {
            var (agency, boss, leaver) = await Fixture.BuildAsync(w =>
            {
                var agency = w.Partner($"Count Agency {clients}");
                var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
                var leaver = w.Employee(agency, "Lee Leaver");
                var kai = w.Employee(agency, "Kai Keeps");
                for (var i = 0; i < clients; i++)
                {
                    var client = w.Client($"Count Client {i:000}");
                    w.Services(agency, client);
                    w.Seat(client, agency, leaver, AccessType.User, "Marketing");
                    if (i % 2 == 0) w.Seat(client, agency, kai, AccessType.User, "Sales");
                }
                return (agency.HubId, boss.Email, leaver.Id);
            });
            using var user = await Fixture.SignedInAsync(boss);
            var token = await user.AntiforgeryTokenAsync();
            var counter = Fixture.Service<StatementCounter>();
            counter.Clear();
            using var response = await user.PostRawAsync($"/{agency}/settings/users/{leaver}/remove?handler=Confirm", [new("__RequestVerificationToken", token)]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(0, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == leaver)));
            return counter.Statements.Count;
        }

        Assert.Equal(await StatementsAsync(1), await StatementsAsync(60));
    }
}
