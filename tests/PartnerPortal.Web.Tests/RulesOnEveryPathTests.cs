using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>Rules that must hold on every path a user can take, not only where the demo world set them up (issue 6).</summary>
public sealed class RulesOnEveryPathTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private static KeyValuePair<string, string> Field(string name, object value) => new(name, $"{value}");

    private Task<int> SetIdAsync(long clientHubId, string name) =>
        Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == clientHubId && s.Name == name).Select(s => s.Id).SingleAsync());

    private Task<List<QualifyingActivity>> ActivitiesAsync(long clientHubId) =>
        Fixture.InDbAsync(db => db.QualifyingActivities.Where(a => a.ClientHubId == clientHubId).OrderBy(a => a.Id).ToListAsync());

    private Task<int> AuditCountAsync(string action) => Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action));

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        (await BrowserLikeClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent ?? "";

    [Fact]
    public async Task R12_each_real_change_a_partner_employee_makes_in_a_client_is_a_qualifying_activity_and_a_repeat_is_not()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var avaId = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        var before = (await ActivitiesAsync(Personas.HarborCoffee)).Count;
        var add = new[] { Field("Data.EmployeeIds", await Fixture.UserIdAsync(Personas.Hana)), Field("Data.PermissionSetId", await SetIdAsync(Personas.HarborCoffee, "Marketing")) };
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);

        (await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", add)).Dispose();
        (await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", add)).Dispose(); // the same again: nothing changes
        (await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/employees/{emma}/permission-set",
            [Field("Data.PermissionSetId", await SetIdAsync(Personas.HarborCoffee, "Sales"))])).Dispose();

        var added = (await ActivitiesAsync(Personas.HarborCoffee)).Skip(before).ToList();
        Assert.Equal([AuditActions.PartnerEmployeeAdded, AuditActions.PermissionSetChanged], added.Select(a => a.Action));
        Assert.All(added, a => Assert.Equal((Personas.Brightwave, avaId), (a.PartnerHubId, a.UserId)));
        Assert.Equal(1, await AuditCountAsync(AuditActions.PartnerEmployeeAdded)); // exactly once for one change
    }

    [Fact]
    public async Task R12_a_relationship_without_demo_history_ends_60_days_after_the_product_recorded_its_last_activity()
    {
        var (agency, client, boss, helper) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Old Agency");
            var boss = w.Employee(agency, "Olga Boss", AccessType.SuperAdmin);
            var helper = w.Employee(agency, "Hal Helper");
            var client = w.Client("Old Client");
            w.Services(agency, client, activityDaysAgo: 100); // started 200 days ago, nothing since day 100
            w.Seat(client, agency, boss, AccessType.PartnerAdmin);
            return (agency.HubId, client.HubId, boss, helper);
        });
        using var session = await Fixture.SignedInAsync(boss.Email);
        var cam = $"/{agency}/partner/client-access-manager";
        var set = await SetIdAsync(client, "Marketing");

        (await session.SubmitFormAsync($"{cam}/clients/{client}/add-employees", [Field("Data.EmployeeIds", helper.Id), Field("Data.PermissionSetId", set)])).Dispose();
        using var removed = await session.PostCraftedAsync($"{cam}/clients/{client}?handler=Confirm", [Field("remove", boss.Id), Field("remove", helper.Id)]);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.PartnerHubId == agency && r.ClientHubId == client));
        Assert.Equal(RelationshipState.Ending, relationship.State);
        Assert.InRange(relationship.EndsAt!.Value, DateTimeOffset.UtcNow.AddDays(59), DateTimeOffset.UtcNow.AddDays(61));
    }

    [Fact]
    public async Task R12_linking_an_employee_to_an_ending_client_makes_the_relationship_active_again()
    {
        var (agency, client, boss, freelancer) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Linking Agency");
            var boss = w.Employee(agency, "Lia Boss", AccessType.SuperAdmin);
            var freelancer = w.Employee(agency, "Fred Lancer", email: $"fred.{Guid.NewGuid():N}@example.test");
            var client = w.Client("Ending Client");
            w.Services(agency, client, RelationshipState.Ending);
            w.Member(client, freelancer);
            return (agency.HubId, client.HubId, boss, freelancer);
        });
        using var session = await Fixture.SignedInAsync(boss.Email);

        using var response = await session.SubmitFormAsync($"/{agency}/partner/client-access-manager/employees/{freelancer.Id}/link-clients", [Field("Data.ClientHubIds", client)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.PartnerHubId == agency && r.ClientHubId == client));
        Assert.Equal((RelationshipState.Active, (DateTimeOffset?)null), (relationship.State, relationship.EndsAt));
        Assert.Equal(1, await AuditCountAsync(AuditActions.RelationshipActiveAgain));
    }

    [Fact]
    public async Task B1_linking_again_and_again_writes_one_audit_entry()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var george = await Fixture.UserIdAsync("george.li@outlook.com");

        for (var i = 0; i < 5; i++)
            using (var response = await ava.PostCraftedAsync($"{Cam}/employees/{george}/link-clients", [Field("Data.ClientHubIds", Personas.Pinecrest)]))
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(1, await AuditCountAsync(AuditActions.PartnerEmployeeLinked));
    }

    [Fact]
    public async Task R28_SPEC3_a_client_access_manager_never_removes_a_Super_Admin_of_the_client()
    {
        using var ben = await Fixture.SignedInAsync(Personas.ClientAccessManager); // Client access manager, holds nothing in Nordic
        var ava = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);

        using var response = await ben.PostCraftedAsync($"{Cam}/clients/{Personas.NordicOutdoor}?handler=Confirm", [Field("remove", ava)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ava Patel is a Super Admin of Nordic Outdoor Gear: only the client's own Super Admins can change or remove a Super Admin, never a partner.",
            await ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == Personas.NordicOutdoor && m.UserId == ava).Select(m => m.AccessType).SingleAsync()));
    }

    [Fact]
    public async Task R28_a_Partner_Admin_never_removes_a_Super_Admin()
    {
        var (agency, client, partnerAdmin, superAdmin) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("R28 Agency");
            var superAdmin = w.Employee(agency, "Sue Admin", AccessType.SuperAdmin);
            var partnerAdmin = w.Employee(agency, "Pam Admin", permissions: Permission.ClientAccessManager);
            var client = w.Client("R28 Client");
            w.Services(agency, client);
            w.Seat(client, agency, superAdmin, AccessType.SuperAdmin);
            w.Seat(client, agency, partnerAdmin, AccessType.PartnerAdmin);
            return (agency.HubId, client.HubId, partnerAdmin, superAdmin);
        });
        using var pam = await Fixture.SignedInAsync(partnerAdmin.Email);

        using var review = await pam.PostCraftedAsync($"/{agency}/partner/client-access-manager/clients/{client}?handler=Review", [Field("remove", superAdmin.Id)]);
        using var confirm = await pam.PostCraftedAsync($"/{agency}/partner/client-access-manager/clients/{client}?handler=Confirm", [Field("remove", superAdmin.Id)]);

        var reviewPage = await BrowserLikeClient.ParseAsync(review);
        Assert.Contains("only the client's own Super Admins can change or remove a Super Admin, never a partner", reviewPage.QuerySelector("#review-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(reviewPage.QuerySelector("main form[action*=Confirm] button[disabled]"));
        Assert.Contains("only the client's own Super Admins can change or remove a Super Admin, never a partner", await ErrorsAsync(confirm), StringComparison.Ordinal);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == client && m.UserId == superAdmin.Id && m.AccessType == AccessType.SuperAdmin)));
    }

    [Theory]
    [InlineData("switched off")]
    [InlineData("removed from the partner")]
    public async Task R1_R4_a_link_stops_working_once_its_owner_is_no_longer_a_partner_employee(string how)
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        await Fixture.InDbAsync(async db =>
        {
            var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).SingleAsync(a => a.HubId == Personas.Brightwave);
            if (how == "switched off") brightwave.TagPartnerEmployee(hana, false);
            else db.Memberships.Remove(brightwave.MembershipOf(hana)!);
            return await db.SaveChangesAsync();
        });
        using var maria = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);

        var (status, page) = await maria.GetPageAsync($"/access/{token}");
        using var approve = await maria.PostCraftedAsync($"/access/{token}", [Field("Data.ClientHubId", Personas.HarborCoffee)]);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("This access link isn't valid", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == hana)));
    }

    /// <summary>Olivia works for Crestline in Orchid Spa; Brightwave takes her on too, with an access link.</summary>
    private async Task<(Guid Olivia, string Token)> OliviaJoinsBrightwaveAsync()
    {
        var olivia = await Fixture.UserIdAsync(Personas.OtherPartnerSuperAdmin);
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDb>();
        var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).SingleAsync(a => a.HubId == Personas.Brightwave);
        brightwave.AddMember(await db.DomainUsers.SingleAsync(u => u.Id == olivia), AccessType.User, DateTimeOffset.UtcNow);
        brightwave.TagPartnerEmployee(olivia, true);
        var link = scope.ServiceProvider.GetRequiredService<AccessLinkTokens>().Issue(Personas.Brightwave, olivia, DateTimeOffset.UtcNow);
        db.AccessLinks.Add(link);
        await db.SaveChangesAsync();
        return (olivia, scope.ServiceProvider.GetRequiredService<AccessLinkTokens>().Unseal(link)!);
    }

    private static void AssertWaysOut(string text)
    {
        Assert.Contains("Their email address is already connected with another partner record for this client.", text, StringComparison.Ordinal);
        Assert.Contains("ask the first partner to remove that user", text, StringComparison.Ordinal);
        Assert.Contains("on your partner email domain", text, StringComparison.Ordinal);
        Assert.Contains("a different email address", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R21_approving_a_link_shows_the_message_with_the_three_ways_out()
    {
        var (olivia, token) = await OliviaJoinsBrightwaveAsync();
        using var chen = await Fixture.SignedInAsync(Personas.OrchidSuperAdmin);

        using var response = await chen.SubmitFormAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.OrchidSpa}" });

        AssertWaysOut(await ErrorsAsync(response));
        Assert.Equal(Personas.Crestline, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == Personas.OrchidSpa && m.UserId == olivia).Select(m => m.PartnerHubId).SingleAsync()));
    }

    [Fact]
    public async Task R21_linking_shows_the_message_with_the_three_ways_out()
    {
        var (olivia, _) = await OliviaJoinsBrightwaveAsync();
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);

        using var response = await ava.PostCraftedAsync($"{Cam}/employees/{olivia}/link-clients", [Field("Data.ClientHubIds", Personas.OrchidSpa)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertWaysOut(await ErrorsAsync(response));
    }

    [Fact]
    public async Task R21_change_to_Partner_Admin_shows_the_message_with_the_three_ways_out()
    {
        var (agency, client, boss, shared) = await Fixture.BuildAsync(w =>
        {
            var first = w.Partner("First Agency");
            var second = w.Partner("Second Agency");
            var boss = w.Employee(second, "Bo Second", AccessType.SuperAdmin);
            var shared = w.Employee(first, "Sam Shared", AccessType.SuperAdmin);
            w.Employee(second, shared);
            var client = w.Client("Shared Client");
            w.Services(first, client);
            w.Services(second, client);
            w.Seat(client, first, shared, AccessType.SuperAdmin);
            w.Seat(client, second, boss, AccessType.SuperAdmin);
            return (second.HubId, client.HubId, boss, shared);
        });
        using var session = await Fixture.SignedInAsync(boss.Email);

        using var response = await session.SubmitFormAsync($"/{agency}/partner/client-access-manager/clients/{client}/change-to-partner-admin",
            [Field("Data.UserId", shared.Id)]);

        AssertWaysOut(await ErrorsAsync(response));
    }

    [Fact]
    public async Task R7_pages_say_whose_work_counts_for_managed_credit_and_why_not()
    {
        await Fixture.InDbAsync(async db =>
        {
            var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).SingleAsync(a => a.HubId == Personas.Brightwave);
            brightwave.TagPartnerEmployee(await Fixture.UserIdAsync(Personas.PlainPartnerEmployee), false); // Diego's switch goes off
            return await db.SaveChangesAsync();
        });
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        string CreditOf(AngleSharp.Dom.IDocument page, string rowSelector) => page.QuerySelector(rowSelector)!.QuerySelector("td:last-child")!.TextContent.Trim();

        var (_, george) = await ava.GetPageAsync($"{Cam}/employees/{await Fixture.UserIdAsync("george.li@outlook.com")}");
        var (_, hana) = await ava.GetPageAsync($"{Cam}/employees/{await Fixture.UserIdAsync(Personas.Hana)}");
        var (_, bluebird) = await ava.GetPageAsync($"{Cam}/clients/45100005");

        Assert.Equal("Not counted: use Link clients", CreditOf(george, $"tr[data-hub-id='{Personas.Pinecrest}']"));
        Assert.Equal("Counts (added with a partner seat)", CreditOf(george, "tr[data-hub-id='45100008']"));
        Assert.Equal("Counts (partner domain email)", CreditOf(hana, $"tr[data-hub-id='{Personas.GreenleafDental}']"));
        var diegoRow = bluebird.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("Diego Alvarez", StringComparison.Ordinal));
        Assert.Contains("Not counted: the Partner employee switch is off", diegoRow.TextContent, StringComparison.Ordinal);
    }
}
