using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>Partner → Dashboard (R15–R19, R21): the figures, the Partner Employees tab, assignments and Remove Access.</summary>
public sealed class PartnerDashboardTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record DashWorld(long Agency, string Boss, string Manager, string AccessManager, Guid CamId, string Plain, Guid Hana, Guid Kai, Guid Shared,
        long Alpha, long Beta, long Gamma, long Delta, long OthersOnly);

    /// <summary>
    /// Dash Agency actively services Alpha (MRR 3,000, shared with Rival Agency), Beta (1,000) and Delta (2,000), and is Ending
    /// with Gamma (5,000). Hana works in Alpha, Kai in Beta; Sam works in Alpha for Rival and is an employee of both agencies.
    /// Mo has Partner employee management, Cam has Client access manager and is Partner Admin in Alpha and Beta (R10), Pia neither.
    /// </summary>
    private Task<DashWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Dash Agency");
        var boss = w.Employee(agency, "Bea Dash", AccessType.SuperAdmin);
        var manager = w.Employee(agency, "Mo Manager", permissions: Permission.PartnerEmployeeManagement);
        var accessManager = w.Employee(agency, "Cam Access", permissions: Permission.ClientAccessManager);
        var plain = w.Employee(agency, "Pia Plain");
        var hana = w.Employee(agency, "Hana Works");
        var kai = w.Employee(agency, "Kai Works");
        var rival = w.Partner("Rival Agency");
        w.Employee(rival, "Rita Rival", AccessType.SuperAdmin);
        var shared = w.Person("Sam Shared");
        w.Employee(rival, shared);
        w.Employee(agency, shared);
        var alpha = w.Client("Alpha Co", monthlyRecurringRevenue: 3_000m);
        w.Services(agency, alpha);
        w.Services(rival, alpha);
        w.Seat(alpha, agency, hana, AccessType.User, "Marketing");
        w.Seat(alpha, rival, shared, AccessType.User, "Sales");
        var beta = w.Client("Beta Co", monthlyRecurringRevenue: 1_000m);
        w.Services(agency, beta, activityDaysAgo: 100);
        w.Seat(beta, agency, kai, AccessType.PartnerAdmin);
        w.Seat(alpha, agency, accessManager, AccessType.PartnerAdmin);
        w.Seat(beta, agency, accessManager, AccessType.PartnerAdmin);
        var gamma = w.Client("Gamma Co", monthlyRecurringRevenue: 5_000m);
        w.Services(agency, gamma, RelationshipState.Ending);
        var delta = w.Client("Delta Co", monthlyRecurringRevenue: 2_000m);
        w.Services(agency, delta);
        var othersOnly = w.Client("Rival's Own Co");
        w.Services(rival, othersOnly);
        return new DashWorld(agency.HubId, boss.Email, manager.Email, accessManager.Email, accessManager.Id, plain.Email, hana.Id, kai.Id, shared.Id,
            alpha.HubId, beta.HubId, gamma.HubId, delta.HubId, othersOnly.HubId);
    });

    private static string Text(IDocument page) => page.QuerySelector("main")!.TextContent;

    private static string Testid(IDocument page, string id) => page.QuerySelector($"[data-testid={id}]")!.TextContent.Trim();

    [Fact]
    public async Task R15_the_dashboard_shows_clients_serviced_ending_soon_managed_MRR_split_between_active_partners_and_employees_with_and_without_access()
    {
        var world = await BuildAsync();
        using var plain = await Fixture.SignedInAsync(world.Plain);

        var (status, page) = await plain.FollowAsync($"/{world.Agency}/home");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("4", Testid(page, "clients-serviced"));
        // Alpha's 3,000 is shared with Rival (1,500), Beta 1,000; Gamma is Ending and Delta has no employee of the agency: both earn nothing (SPEC §3).
        Assert.Equal("$2,500", Testid(page, "managed-mrr"));
        Assert.Equal("25", Testid(page, "managed-points"));
        // Seven partner employees: Hana, Kai and Cam work in clients for the agency; Sam works in Alpha for Rival only.
        Assert.Equal("3 with access · 4 without", string.Join(' ', Testid(page, "employee-counts").Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("Gamma Co", Testid(page, "ending-soon"), StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("table[aria-label='Client list'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.Contains("Gamma Co", StringComparison.Ordinal) && r.Contains("Ending on", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("Rival's Own Co", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R19_only_Super_Admins_and_Partner_employee_management_see_the_partner_employee_list()
    {
        var world = await BuildAsync();
        foreach (var (email, sees) in new[] { (world.Boss, true), (world.Manager, true), (world.AccessManager, false), (world.Plain, false) })
        {
            using var user = await Fixture.SignedInAsync(email);
            var (_, dashboard) = await user.GetPageAsync($"/{world.Agency}/partner/dashboard");
            Assert.Equal(sees, dashboard.QuerySelectorAll("a").Any(a => a.TextContent.Trim() == "Partner Employees"));
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await user.GetPageAsync($"/{world.Agency}/partner/dashboard/employees")).Status);
            Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await user.GetPageAsync($"/{world.Agency}/partner/dashboard/employees/{world.Hana}")).Status);
            var (_, client) = await user.GetPageAsync($"/{world.Agency}/partner/dashboard/clients/{world.Alpha}");
            Assert.Equal(sees, client.QuerySelector("table[aria-label='Partner employees of Alpha Co']") is not null);
            if (!sees) Assert.Contains("Only Super Admins and users with Partner employee management", Text(client), StringComparison.Ordinal);
        }
        // Another partner's client is nobody's business here.
        using var boss = await Fixture.SignedInAsync(world.Boss);
        Assert.Equal(HttpStatusCode.NotFound, (await boss.GetPageAsync($"/{world.Agency}/partner/dashboard/clients/{world.OthersOnly}")).Status);
    }

    [Fact]
    public async Task R16_assigning_clients_by_choice_or_typed_Hub_ID_grants_no_access_and_says_the_client_must_still_grant_it()
    {
        var world = await BuildAsync();
        using var manager = await Fixture.SignedInAsync(world.Manager);
        var assign = $"/{world.Agency}/partner/dashboard/employees/{world.Hana}/assign";

        using var response = await manager.SubmitFormAsync(assign, [new("clients", $"{world.Beta}"), new("hubIds", $"{world.Delta}")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Testid(await BrowserLikeClient.ParseAsync(response), "assign-outcome");
        Assert.Contains("Hana Works is now assigned to 2 clients.", answer, StringComparison.Ordinal);
        Assert.Contains("Assigning grants no access", answer, StringComparison.Ordinal);
        Assert.Contains("the client must still grant it", answer, StringComparison.Ordinal);
        Assert.Equal([world.Beta, world.Delta], (await AssignedAsync(world.Hana)).Order());
        Assert.Equal([world.Alpha], await Fixture.InDbAsync(db => db.Memberships.Where(m => m.UserId == world.Hana && m.AccountKind == AccountKind.Client)
            .Select(m => m.AccountHubId).ToListAsync()));

        // The panel lists her clients: with access, assigned without access.
        var (_, panel) = await manager.GetPageAsync($"/{world.Agency}/partner/dashboard/employees/{world.Hana}");
        var clients = panel.QuerySelectorAll("[aria-label='Clients of Hana Works'] li").Select(li => li.TextContent).ToList();
        Assert.Contains(clients, c => c.Contains("Alpha Co", StringComparison.Ordinal) && c.Contains("User (Marketing)", StringComparison.Ordinal));
        Assert.Contains(clients, c => c.Contains("Beta Co", StringComparison.Ordinal) && c.Contains("Assigned · no access yet", StringComparison.Ordinal));

        // Assigning again changes nothing; a Hub ID this agency does not service, or not a number, is refused and changes nothing.
        using (var again = await manager.SubmitFormAsync(assign, [new("clients", $"{world.Beta}")]))
            Assert.Contains("already assigned", Text(await BrowserLikeClient.ParseAsync(again)), StringComparison.Ordinal);
        using (var foreign = await manager.SubmitFormAsync(assign, [new("hubIds", $"{world.OthersOnly}")]))
            Assert.Contains($"Hub ID {world.OthersOnly} is not a client you service.", Text(await BrowserLikeClient.ParseAsync(foreign)), StringComparison.Ordinal);
        using (var garbage = await manager.SubmitFormAsync(assign, [new("hubIds", "12ab; DROP")]))
            Assert.Contains("Enter Hub IDs as numbers", Text(await BrowserLikeClient.ParseAsync(garbage)), StringComparison.Ordinal);
        Assert.Equal(2, (await AssignedAsync(world.Hana)).Count);
    }

    [Fact]
    public async Task R21_assigning_someone_who_works_there_for_another_partner_says_so_with_the_three_ways_out()
    {
        var world = await BuildAsync();
        using var manager = await Fixture.SignedInAsync(world.Manager);

        using var response = await manager.SubmitFormAsync($"/{world.Agency}/partner/dashboard/clients/{world.Alpha}/add-employee", [new("employee", $"{world.Shared}")]);

        var text = Text(await BrowserLikeClient.ParseAsync(response));
        Assert.Contains("already connected with another partner record for this client", text, StringComparison.Ordinal);
        Assert.Contains("Ask the first partner to remove that user's access", text, StringComparison.Ordinal);
        Assert.Contains("on your partner email domain", text, StringComparison.Ordinal);
        Assert.Contains("Ask the user for a different email address", text, StringComparison.Ordinal);
        // Still his access there is Rival's: nothing of it moved.
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == world.Shared && m.AccountHubId == world.Alpha && m.PartnerHubId != world.Agency)));
    }

    [Fact]
    public async Task R17_Remove_Access_from_the_employee_panel_takes_the_typed_word_REMOVE_and_then_removes_access_and_assignment()
    {
        var world = await BuildAsync();
        using var manager = await Fixture.SignedInAsync(world.Manager);
        await manager.SubmitFormAsync($"/{world.Agency}/partner/dashboard/employees/{world.Hana}/assign", [new("clients", $"{world.Alpha}")]);
        using var cam = await Fixture.SignedInAsync(world.AccessManager);
        var remove = $"/{world.Agency}/partner/dashboard/employees/{world.Hana}/clients/{world.Alpha}/remove";

        var (_, dialog) = await cam.GetPageAsync(remove);
        Assert.Contains("Hana Works", Text(dialog), StringComparison.Ordinal);
        Assert.Contains("1 of your partner employees keeps access to Alpha Co", Text(dialog), StringComparison.Ordinal);
        foreach (var typed in new[] { "", "remove", "REMOVED", "DELETE" })
        {
            using var refused = await cam.SubmitFormAsync(remove, [new("confirm", typed)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Type REMOVE to confirm. Nothing was removed.", Text(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);
        }
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == world.Hana && m.AccountHubId == world.Alpha)));

        using var done = await cam.SubmitFormAsync(remove, [new("confirm", "REMOVE")]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.UserId == world.Hana && m.AccountHubId == world.Alpha)));
        Assert.Empty(await AssignedAsync(world.Hana));
        Assert.Equal(RelationshipState.Active, await StateAsync(world.Agency, world.Alpha)); // Cam still works there
        // The removal is not Mo's to make (R10): Partner employee management alone removes nobody's access.
        using var byManager = await manager.PostCraftedAsync($"/{world.Agency}/partner/dashboard/employees/{world.Kai}/clients/{world.Beta}/remove", [new("confirm", "REMOVE")]);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
    }

    [Fact]
    public async Task R18_a_client_s_Partner_employees_section_adds_an_assignment_and_removes_the_access_of_those_picked()
    {
        var world = await BuildAsync();
        using var manager = await Fixture.SignedInAsync(world.Manager);
        var client = $"/{world.Agency}/partner/dashboard/clients/{world.Beta}";

        using (var added = await manager.SubmitFormAsync($"{client}/add-employee", [new("employee", $"{world.Hana}")]))
            Assert.Contains("still requires the client to grant access", Text(await BrowserLikeClient.ParseAsync(added)), StringComparison.Ordinal);
        var (_, section) = await manager.GetPageAsync(client);
        var rows = section.QuerySelectorAll("table[aria-label='Partner employees of Beta Co'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Hana Works", StringComparison.Ordinal) && r.Contains("No access yet", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Kai Works", StringComparison.Ordinal) && r.Contains("Partner Admin", StringComparison.Ordinal));

        using var cam = await Fixture.SignedInAsync(world.AccessManager);
        var (_, picker) = await cam.GetPageAsync($"{client}/remove-access");
        Assert.Contains("Whose access do you want to remove?", Text(picker), StringComparison.Ordinal);
        using (var none = await cam.SubmitFormAsync($"{client}/remove-access", []))
            Assert.Contains("Choose whose access you want to remove.", Text(await BrowserLikeClient.ParseAsync(none)), StringComparison.Ordinal);
        using var done = await cam.SubmitFormAsync($"{client}/remove-access", [new("employees", $"{world.Kai}"), new("employees", $"{world.Hana}"), new("employees", $"{world.CamId}")]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Beta && m.PartnerHubId == world.Agency)));
        Assert.Empty(await AssignedAsync(world.Hana));
        // Nobody of the agency is left in Beta, whose last qualifying activity was 100 days ago: R12 ends the relationship at once.
        Assert.Equal(RelationshipState.Ended, await StateAsync(world.Agency, world.Beta));
    }

    [Fact]
    public async Task R17_one_who_is_not_the_agency_s_employee_there_cannot_be_removed_through_a_forged_address()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var before = await Fixture.InDbAsync(db => db.Memberships.CountAsync());

        // Sam works in Alpha for Rival; Rival's own client is not this agency's.
        Assert.Equal(HttpStatusCode.NotFound, (await boss.GetPageAsync($"/{world.Agency}/partner/dashboard/employees/{world.Shared}/clients/{world.Alpha}/remove")).Status);
        using (var forged = await boss.PostCraftedAsync($"/{world.Agency}/partner/dashboard/employees/{world.Shared}/clients/{world.Alpha}/remove", [new("confirm", "REMOVE")]))
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var refused = await Fixture.SendAsync(new PartnerPortal.Web.Pages.Partner.Dashboard.ClientAccessRemoval.Command(world.Agency, world.Alpha, [world.Shared], "REMOVE"), world.Boss);
        Assert.Contains("has no access to Alpha Co for you", refused.Message, StringComparison.Ordinal);
        using (var elsewhere = await boss.PostCraftedAsync($"/{world.Agency}/partner/dashboard/employees/{world.Hana}/clients/{world.OthersOnly}/remove", [new("confirm", "REMOVE")]))
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        Assert.Equal(before, await Fixture.InDbAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task R16_twenty_managers_assigning_the_same_clients_at_once_make_each_assignment_once()
    {
        var world = await BuildAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Fixture.SendAsync(new PartnerPortal.Web.Pages.Partner.Dashboard.Assign.Command(world.Agency, [world.Hana, world.Kai], [world.Beta, world.Delta]), world.Manager))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(4, await Fixture.InDbAsync(db => db.Assignments.CountAsync(a => a.PartnerHubId == world.Agency)));
    }

    private Task<List<long>> AssignedAsync(Guid employee) =>
        Fixture.InDbAsync(db => db.Assignments.Where(a => a.EmployeeUserId == employee).Select(a => a.ClientHubId).ToListAsync());

    private Task<RelationshipState> StateAsync(long partner, long client) =>
        Fixture.InDbAsync(db => db.Relationships.Where(r => r.PartnerHubId == partner && r.ClientHubId == client).Select(r => r.State).SingleAsync());
}
