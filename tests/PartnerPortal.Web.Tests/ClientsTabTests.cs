using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using CamPage = PartnerPortal.Web.Pages.Partner.ClientAccessManager.IndexModel;

namespace PartnerPortal.Web.Tests;

/// <summary>R5: Partner &gt; Client Access Manager, Clients tab, as a partner admin sees it, over a world of the test's own.</summary>
public sealed class ClientsTabTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record Row(string Name, string HubId, string AccessType, string Employees, string Relationship);

    /// <summary>
    /// Tab Agency services: Anchor (Boss and Manager Partner Admins), Birch (Boss Super Admin), Cedar (Boss a user),
    /// Dune (Ending; Manager only), Hill (also serviced by Other Agency) and Iris (a partner account). Elm is only
    /// invited, Fir has ended, Gale is Other Agency's alone.
    /// </summary>
    private sealed record TabWorld(long Agency, long Other, string Boss, string Manager, string OtherBoss, IReadOnlyDictionary<string, long> Clients, DateTimeOffset DuneEndsAt);

    private Task<TabWorld> BuildTabWorldAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Tab Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var manager = w.Employee(agency, "Max Manager", permissions: Permission.ClientAccessManager);
        var other = w.Partner("Other Agency");
        var otherBoss = w.Employee(other, "Oli Other", AccessType.SuperAdmin);
        var clients = new Dictionary<string, ClientAccount>();
        ClientAccount Client(string name) => clients[name] = w.Client(name);

        w.Services(agency, Client("Anchor Apparel"));
        w.Seat(clients["Anchor Apparel"], agency, boss, AccessType.PartnerAdmin);
        w.Seat(clients["Anchor Apparel"], agency, manager, AccessType.PartnerAdmin);
        w.Services(agency, Client("Birch Bank"));
        w.Seat(clients["Birch Bank"], agency, boss, AccessType.SuperAdmin);
        w.Services(agency, Client("Cedar Cafe"));
        w.Seat(clients["Cedar Cafe"], agency, boss, AccessType.User, "Marketing");
        var dune = w.Services(agency, Client("Dune Dental"), RelationshipState.Ending);
        w.Seat(clients["Dune Dental"], agency, manager, AccessType.PartnerAdmin);
        w.Services(agency, Client("Elm Events"), RelationshipState.Invited);
        w.Services(agency, Client("Fir Foods"), RelationshipState.Ended);
        w.Services(other, Client("Gale Group"));
        w.Seat(clients["Gale Group"], other, otherBoss, AccessType.PartnerAdmin);
        w.Services(agency, Client("Hill Homes"));
        w.Services(other, clients["Hill Homes"]);
        w.Seat(clients["Hill Homes"], agency, boss, AccessType.PartnerAdmin);
        w.Seat(clients["Hill Homes"], other, otherBoss, AccessType.PartnerAdmin);
        var iris = w.Partner("Iris Resellers");
        w.Services(agency, iris);
        var hubIds = clients.ToDictionary(c => c.Key, c => c.Value.HubId);
        hubIds["Iris Resellers"] = iris.HubId;
        return new TabWorld(agency.HubId, other.HubId, boss.Email, manager.Email, otherBoss.Email, hubIds, dune.EndsAt!.Value);
    });

    private static List<Row> Rows(IDocument page) =>
        page.QuerySelectorAll("table[aria-label=Clients] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => new Row(c[0], c[1], c[2], c[3], c[4]))
            .ToList();

    private async Task<List<Row>> RowsAsync(string email, long agency, string query = "")
    {
        using var client = await Fixture.SignedInAsync(email);
        var (status, page) = await client.GetPageAsync($"/{agency}/partner/client-access-manager{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return Rows(page);
    }

    [Fact]
    public async Task R5_default_filter_lists_clients_where_you_are_Partner_Admin_or_Super_Admin()
    {
        var world = await BuildTabWorldAsync();

        var rows = await RowsAsync(world.Boss, world.Agency);

        Assert.Equal(["Anchor Apparel", "Birch Bank", "Hill Homes"], rows.Select(r => r.Name));
        Assert.Equal(["Partner Admin", "Super Admin", "Partner Admin"], rows.Select(r => r.AccessType));
        Assert.Equal($"{world.Clients["Birch Bank"]}", rows[1].HubId);
    }

    [Fact]
    public async Task R5_selecting_all_access_types_lists_every_current_client_of_the_partner_and_no_other()
    {
        var world = await BuildTabWorldAsync();

        var rows = await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=all");

        Assert.Equal(["Anchor Apparel", "Birch Bank", "Cedar Cafe", "Dune Dental", "Hill Homes", "Iris Resellers"],
            rows.Select(r => r.Name.Split("Partner account")[0].Trim()));
        Assert.Equal("User", rows.Single(r => r.Name == "Cedar Cafe").AccessType);
        Assert.Equal("No access", rows.Single(r => r.Name == "Dune Dental").AccessType);
        Assert.Contains("Partner account", rows.Single(r => r.Name.StartsWith("Iris", StringComparison.Ordinal)).Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R5_ticking_each_box_filters_to_exactly_those_access_types()
    {
        var world = await BuildTabWorldAsync();

        Assert.Equal(["Dune Dental", "Iris Resellers"],
            (await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=no-access")).Select(r => r.Name.Split("Partner account")[0].Trim()));
        Assert.Equal(["Cedar Cafe"], (await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=user")).Select(r => r.Name));
        Assert.Equal(["Birch Bank"], (await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=super-admin")).Select(r => r.Name));
        Assert.Empty(await RowsAsync(world.Boss, world.Agency, "?filtered=true"));
    }

    [Fact]
    public async Task R5_shows_the_number_of_this_partners_employees_and_the_end_date_when_ending()
    {
        var world = await BuildTabWorldAsync();

        var rows = await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=all");

        Assert.Equal("2", rows.Single(r => r.Name == "Anchor Apparel").Employees);
        Assert.Equal("1", rows.Single(r => r.Name == "Hill Homes").Employees); // the other partner's employee there is not counted
        Assert.Equal($"Ending {world.DuneEndsAt.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}", rows.Single(r => r.Name == "Dune Dental").Relationship);
        Assert.Equal("Active", rows.Single(r => r.Name == "Birch Bank").Relationship);
    }

    [Fact]
    public async Task R5_a_client_access_manager_sees_their_own_access_types()
    {
        var world = await BuildTabWorldAsync();

        var rows = await RowsAsync(world.Manager, world.Agency);

        Assert.Equal(["Anchor Apparel", "Dune Dental"], rows.Select(r => r.Name));
    }

    [Fact]
    public async Task R5_search_finds_clients_by_part_of_the_name_or_Hub_ID()
    {
        var world = await BuildTabWorldAsync();
        var cedar = world.Clients["Cedar Cafe"];

        Assert.Equal(["Dune Dental"], (await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=all&q=DENTAL")).Select(r => r.Name));
        Assert.Equal(["Cedar Cafe"], (await RowsAsync(world.Boss, world.Agency, $"?filtered=true&types=all&q={cedar}")).Select(r => r.Name));
    }

    [Fact]
    public async Task R5_search_finds_a_renamed_client_by_its_new_name_only_and_takes_quotes_percent_signs_and_short_text_as_text()
    {
        // The search reads a trigram index of the names (SQLite: a table kept up to date by triggers): a name written since
        // the index was built, or changed since, is found by what it is now.
        var world = await BuildTabWorldAsync();
        var dune = world.Clients["Dune Dental"];
        const string renamed = "Dune \"Quoted\" Dentistry 100%";
        await Fixture.InDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.HubId == dune).ExecuteUpdateAsync(a => a.SetProperty(x => x.Name, renamed));
            return await db.Memberships.Where(m => m.AccountHubId == dune).ExecuteUpdateAsync(m => m.SetProperty(x => x.AccountName, renamed));
        });
        async Task<List<string>> Found(string q) =>
            (await RowsAsync(world.Boss, world.Agency, "?filtered=true&types=all&q=" + Uri.EscapeDataString(q))).Select(r => r.Name).ToList();

        Assert.Empty(await Found("Dune Dental"));
        Assert.Equal([renamed], await Found("dentistry"));
        Assert.Equal([renamed], await Found("\"quoted\""));
        Assert.Equal([renamed], await Found("y 100%"));
        Assert.Empty(await Found("y 1000"));
        Assert.Equal([renamed], await Found("\" D"));
        Assert.Equal(["Anchor Apparel", "Birch Bank"], await Found("an")); // under three characters: read name by name
        Assert.Equal(["Cedar Cafe"], await Found("CAF"));
        // The default filter searches your memberships' copy of the name, which the rename updated too.
        Assert.Equal([renamed], (await RowsAsync(world.Manager, world.Agency, "?q=quoted")).Select(r => r.Name));
    }

    [Fact]
    public async Task R5_pages_through_the_list_keeping_the_filter()
    {
        var (agency, boss) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Paging Agency");
            var boss = w.Employee(agency, "Pia Boss", AccessType.SuperAdmin);
            for (var i = 1; i <= 13; i++) w.Services(agency, w.Client($"Client {i:00}"));
            return (agency.HubId, boss.Email);
        });
        using var client = await Fixture.SignedInAsync(boss);
        var cam = $"/{agency}/partner/client-access-manager";

        var (_, first) = await client.GetPageAsync(cam + "?filtered=true&types=all&size=10");
        Assert.Equal(10, Rows(first).Count);
        Assert.Equal("Showing 1–10 of 13 clients", first.QuerySelector("[data-testid=client-count]")!.TextContent.Trim());

        var next = first.QuerySelectorAll("nav[aria-label='Client pages'] a").Single(a => a.TextContent == "Next").GetAttribute("href")!;
        var (_, second) = await client.GetPageAsync(cam + next);
        Assert.Equal(["Client 11", "Client 12", "Client 13"], Rows(second).Select(r => r.Name));
        Assert.Equal("Showing 11–13 of 13 clients", second.QuerySelector("[data-testid=client-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task R5_a_long_list_is_counted_a_few_pages_ahead_and_says_more_than_until_its_end_is_in_reach()
    {
        // 230 clients where Pia is Partner Admin, and 5 where she has no access: more than the pager counts ahead of page 1.
        var (agency, boss) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Long Agency");
            var boss = w.Employee(agency, "Pia Boss", AccessType.SuperAdmin);
            for (var i = 1; i <= 235; i++)
            {
                var client = w.Client($"Client {i:000}");
                w.Services(agency, client);
                if (i <= 230) w.Seat(client, agency, boss, AccessType.PartnerAdmin);
            }
            return (agency.HubId, boss.Email);
        });
        using var client = await Fixture.SignedInAsync(boss);
        var cam = $"/{agency}/partner/client-access-manager";
        static string Count(IDocument page) => page.QuerySelector("[data-testid=client-count]")!.TextContent.Trim();
        static string PageOf(IDocument page) => page.QuerySelectorAll("nav[aria-label='Client pages'] .page-link")[1].TextContent.Trim();
        static string? Next(IDocument page) => page.QuerySelectorAll("nav[aria-label='Client pages'] a").Single(a => a.TextContent == "Next").GetAttribute("href");

        var (_, first) = await client.GetPageAsync(cam);
        Assert.Equal("Showing 1–25 of more than 200 clients", Count(first));
        Assert.Equal("Page 1 of more than 8", PageOf(first));
        Assert.Contains("p=2", Next(first));

        // Page 9 counts to row 400: the end (230) is in reach, so the count is exact and the last page has no Next.
        var (_, ninth) = await client.GetPageAsync(cam + "?p=9");
        Assert.Equal("Showing 201–225 of 230 clients", Count(ninth));
        Assert.Equal("Page 9 of 10", PageOf(ninth));
        var (_, last) = await client.GetPageAsync(cam + "?p=" + Next(ninth)!.Split("p=")[1]);
        Assert.Equal(["Client 226", "Client 227", "Client 228", "Client 229", "Client 230"], Rows(last).Select(r => r.Name));
        Assert.Equal("#", Next(last));

        // Every type, no search: the partner's relationships are counted exactly from their index.
        var (_, all) = await client.GetPageAsync(cam + "?filtered=true&types=all");
        Assert.Equal("Showing 1–25 of 235 clients", Count(all));

        // A page number far past the end, on any filter, shows the last page.
        var (status, far) = await client.GetPageAsync(cam + $"?filtered=true&types=no-access&p={int.MaxValue}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Showing 1–5 of 5 clients", Count(far));
    }

    [Fact]
    public async Task R5_bad_filter_input_gets_a_clear_message_beside_the_default_list()
    {
        var world = await BuildTabWorldAsync();
        using var client = await Fixture.SignedInAsync(world.Boss);

        var (status, page) = await client.GetPageAsync($"/{world.Agency}/partner/client-access-manager?filtered=true&types=owner&p=0&size=7");

        Assert.Equal(HttpStatusCode.OK, status);
        var messages = page.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Access types can be Super Admin, Partner Admin, User or No access.", messages, StringComparison.Ordinal);
        Assert.Contains("Pages are numbered from 1.", messages, StringComparison.Ordinal);
        Assert.Contains("clients per page", messages, StringComparison.Ordinal);
        Assert.Equal(["Anchor Apparel", "Birch Bank", "Hill Homes"], Rows(page).Select(r => r.Name));
    }

    [Theory]
    [InlineData(Personas.PlainPartnerEmployee, HttpStatusCode.Forbidden)]
    [InlineData(Personas.PartnerEmployeeManager, HttpStatusCode.Forbidden)]
    [InlineData(Personas.OtherPartnerSuperAdmin, HttpStatusCode.NotFound)] // not in Brightwave: as if it did not exist (issue 22)
    [InlineData(Personas.ClientSuperAdmin, HttpStatusCode.NotFound)]
    public async Task R5_only_Super_Admins_and_client_access_managers_of_this_partner_may_open_it(string email, HttpStatusCode expected)
    {
        using var client = await Fixture.SignedInAsync(email);

        var (status, page) = await client.GetPageAsync($"/{Personas.Brightwave}/partner/client-access-manager");

        Assert.Equal(expected, status);
        var main = page.QuerySelector("main")!.TextContent; // the top bar lists the person's own accounts, as on every page
        if (expected == HttpStatusCode.Forbidden) Assert.Contains("You don't have access to this page", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor Coffee Roasters", main, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("header form button")); // Sign out is still there
    }

    [Fact]
    public async Task R5_the_other_partner_sees_only_its_own_clients_in_its_own_manager()
    {
        var world = await BuildTabWorldAsync();

        var result = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = world.Other, AccessTypes = [CamPage.AccessTypeOption.All] }, world.OtherBoss);

        Assert.True(result.Succeeded);
        Assert.Equal(["Gale Group", "Hill Homes"], result.Value.Clients.Select(c => c.Name));
        Assert.Equal(1, result.Value.Clients.Single(c => c.Name == "Hill Homes").PartnerEmployees);
    }

    [Fact]
    public async Task R5_the_handler_refuses_a_partner_hub_id_the_user_does_not_belong_to()
    {
        var result = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = Personas.Brightwave }, Personas.OtherPartnerSuperAdmin);
        Assert.Equal(ResultStatus.NotFound, result.Status); // an account you are not in is not found, as an unknown Hub ID

        var client = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = Personas.HarborCoffee }, Personas.ClientSuperAdmin);
        Assert.Equal(ResultStatus.NotFound, client.Status); // a client account has no Client Access Manager
    }

    [Fact]
    public async Task R5_a_relationship_that_starts_shows_up_with_your_access_type()
    {
        var world = await BuildTabWorldAsync();
        var elm = world.Clients["Elm Events"];
        var bossId = await Fixture.UserIdAsync(world.Boss);
        await Fixture.InDbAsync(async db =>
        {
            var account = await db.ClientAccounts.Include(a => a.Memberships).Include(a => a.PermissionSets).SingleAsync(a => a.HubId == elm);
            var boss = await db.DomainUsers.SingleAsync(u => u.Id == bossId);
            Assert.True(account.AddPartnerEmployee(boss, world.Agency, account.StandardPartnerAdminSet, new Actor(bossId, world.Agency, new PartnerRole(world.Agency, SuperAdmin: true, ClientAccessManager: false)), DateTimeOffset.UtcNow).Succeeded);
            return await db.SaveChangesAsync(); // the relationship becomes Active through the domain's events
        });

        var row = (await RowsAsync(world.Boss, world.Agency)).Single(r => r.Name == "Elm Events");

        Assert.Equal(("Partner Admin", "1", "Active"), (row.AccessType, row.Employees, row.Relationship));
    }
}
