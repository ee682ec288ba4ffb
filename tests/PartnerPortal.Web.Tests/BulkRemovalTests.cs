using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// R8, R10, R11: linking or removing one employee in many clients at once — the message stays short (a count and a link to the
/// receipt), the user's next pages still open, and the work does not grow statement by statement with the clients.
/// </summary>
public sealed class BulkRemovalTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private sealed record BulkWorld(long Agency, string Boss, Guid Hana, IReadOnlyList<long> Clients);

    /// <summary>An agency whose Super Admin Bea is Partner Admin in <paramref name="clients"/> clients where Hana is a Marketing user; Kai stays in the even ones.</summary>
    private Task<BulkWorld> BuildAsync(int clients) => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Bulk Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var hana = w.Employee(agency, "Hana Bulk");
        var kai = w.Employee(agency, "Kai Keeps");
        var ids = new List<long>();
        for (var i = 0; i < clients; i++)
        {
            var client = w.Client($"Bulk Client {i:000}");
            w.Services(agency, client);
            w.Seat(client, agency, boss, AccessType.PartnerAdmin);
            w.Seat(client, agency, hana, AccessType.User, "Marketing");
            if (i % 2 == 0) w.Seat(client, agency, kai, AccessType.User, "Sales");
            ids.Add(client.HubId);
        }
        return new BulkWorld(agency.HubId, boss.Email, hana.Id, ids);
    });

    /// <summary>The SQL statements one form post sends (it must succeed: a redirect).</summary>
    private async Task<int> StatementsOfAsync(BrowserLikeClient user, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var counter = Fixture.Service<StatementCounter>();
        var token = await user.AntiforgeryTokenAsync();
        counter.Clear();
        using var response = await user.PostRawAsync(url, [.. fields, new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return counter.Statements.Count;
    }

    private static List<KeyValuePair<string, string>> Chosen(IEnumerable<long> clients) =>
        [.. clients.Select(c => new KeyValuePair<string, string>("clients", $"{c}"))];

    [Fact]
    public async Task R10_removing_an_employee_from_500_clients_says_so_in_a_short_message_and_every_next_page_opens()
    {
        var world = await BuildAsync(500);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/employees/{world.Hana}/remove-from-clients";

        using var done = await boss.PostCraftedAsync($"{url}?handler=Done", Chosen(world.Clients));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // The next page shows the message once; the ones after it open as well (no 431 from an oversized cookie).
        var (status, page) = await boss.GetPageAsync(BrowserLikeClient.LocationOf(done));
        Assert.Equal(HttpStatusCode.OK, status);
        var message = page.QuerySelector("[role=status]")!;
        Assert.Contains("Removed Hana Bulk from 500 clients.", message.TextContent, StringComparison.Ordinal);
        Assert.True(message.TextContent.Length < 300, message.TextContent);
        var receipt = message.QuerySelector("a")!.GetAttribute("href")!;
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await boss.GetPageAsync($"/{world.Agency}/partner/client-access-manager")).Status);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world.Hana && m.PartnerHubId == world.Agency)));

        // The receipt: every removal, 50 to a page.
        var (receiptStatus, first) = await boss.GetPageAsync(receipt);
        Assert.Equal(HttpStatusCode.OK, receiptStatus);
        var rows = first.QuerySelectorAll("table[aria-label='What changed'] tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Contains(AuditActions.PartnerEmployeeRemoved, rows[0].TextContent, StringComparison.Ordinal);
        var next = first.QuerySelectorAll("nav a").Single(a => a.TextContent == "Next page").GetAttribute("href")!;
        var (_, second) = await boss.GetPageAsync(next);
        Assert.Equal(50, second.QuerySelectorAll("table[aria-label='What changed'] tbody tr").Length);
    }

    [Fact]
    public async Task R10_the_receipt_is_the_partners_own()
    {
        var world = await BuildAsync(2);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        using var done = await boss.PostCraftedAsync($"/{world.Agency}/partner/client-access-manager/employees/{world.Hana}/remove-from-clients?handler=Done",
            Chosen(world.Clients));
        var (_, page) = await boss.GetPageAsync(BrowserLikeClient.LocationOf(done));
        var receipt = page.QuerySelector("[role=status] a")!.GetAttribute("href")!;
        Assert.Contains("Removed Hana Bulk from Bulk Client 000 and Bulk Client 001.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // Another partner's admin with the same receipt id under their own account, or under this one: nothing.
        using var other = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(receipt.Replace($"/{world.Agency}/", $"/{Personas.Brightwave}/", StringComparison.Ordinal))).StatusCode);
        Assert.Contains((await other.GetAsync(receipt)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden }); // not their account
        Assert.Equal(HttpStatusCode.NotFound, (await boss.GetAsync($"/{world.Agency}/partner/client-access-manager/receipts/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task R10_removing_from_200_clients_sends_as_many_statements_as_removing_from_one()
    {
        var world = await BuildAsync(201);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/employees/{world.Hana}/remove-from-clients?handler=Done";

        var one = await StatementsOfAsync(boss, url, Chosen(world.Clients.Take(1)));
        var many = await StatementsOfAsync(boss, url, Chosen(world.Clients.Skip(1)));
        output.WriteLine($"1 client: {one} statements; 200 clients: {many} statements");
        Assert.Equal(one, many);
    }

    [Fact]
    public async Task R10_an_employee_in_many_clients_is_shown_a_page_at_a_time_and_the_removal_list_is_searched()
    {
        var world = await BuildAsync(60);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var page = $"/{world.Agency}/partner/client-access-manager/employees/{world.Hana}";
        static List<string> Clients(AngleSharp.Dom.IDocument doc) =>
            doc.QuerySelectorAll("table tbody tr td:first-child a").Select(a => a.TextContent).ToList();

        var (_, first) = await boss.GetPageAsync(page);
        Assert.Equal(50, Clients(first).Count);
        var (_, second) = await boss.GetPageAsync($"{page}?p=2");
        Assert.Equal(10, Clients(second).Count);
        Assert.Equal("Bulk Client 059", Clients(second)[^1]);
        var (_, found) = await boss.GetPageAsync($"{page}?q=client+05");
        Assert.Equal(10, Clients(found).Count);

        // Remove employee from clients: the first 50 and a search; what was ticked comes along, first.
        static List<string> Choices(AngleSharp.Dom.IDocument doc) =>
            doc.QuerySelectorAll("input[name=clients]").Select(i => doc.QuerySelector($"label[for='{i.Id}']")!.ChildNodes[0].TextContent.Trim()).ToList();
        var (_, remove) = await boss.GetPageAsync($"{page}/remove-from-clients");
        Assert.Equal(50, Choices(remove).Count);
        Assert.Contains("search to find the others", remove.QuerySelector("main form[method=post]")!.TextContent, StringComparison.Ordinal);
        var (_, searched) = await boss.GetPageAsync($"{page}/remove-from-clients?q=client+059&selected={world.Clients[3]}");
        Assert.Equal(["Bulk Client 003", "Bulk Client 059"], Choices(searched));
        Assert.Equal(["Bulk Client 003"], searched.QuerySelectorAll("input[name=clients]:checked")
            .Select(i => searched.QuerySelector($"label[for='{i.Id}']")!.ChildNodes[0].TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task R8_linking_200_clients_sends_as_many_statements_as_linking_one()
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Link Agency");
            var boss = w.Employee(agency, "Bea Link", AccessType.SuperAdmin);
            var gil = w.Employee(agency, "Gil Gmail", email: $"gil.{Guid.NewGuid():N}@gmail.test");
            var ids = new List<long>();
            for (var i = 0; i < 201; i++)
            {
                var client = w.Client($"Link Client {i:000}");
                w.Services(agency, client);
                w.Member(client, gil);
                ids.Add(client.HubId);
            }
            return (Agency: agency.HubId, Boss: boss.Email, Gil: gil.Id, Clients: ids);
        });
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/employees/{world.Gil}/link-clients";
        static IEnumerable<KeyValuePair<string, string>> Linked(IEnumerable<long> clients) => clients.Select(c => new KeyValuePair<string, string>("Data.ClientHubIds", $"{c}"));

        var one = await StatementsOfAsync(boss, url, Linked(world.Clients.Take(1)));
        var many = await StatementsOfAsync(boss, url, Linked(world.Clients.Skip(1)));
        output.WriteLine($"1 client: {one} statements; 200 clients: {many} statements");
        Assert.Equal(one, many);
        Assert.Equal(201, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == world.Gil && m.PartnerHubId == world.Agency && m.LinkedForManagedCredit)));
    }

    [Fact]
    public async Task R11_removing_200_employees_from_one_client_sends_as_many_statements_as_removing_one()
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Crowd Agency");
            var boss = w.Employee(agency, "Bea Crowd", AccessType.SuperAdmin);
            var client = w.Client("Crowded Client");
            w.Services(agency, client);
            w.Seat(client, agency, boss, AccessType.PartnerAdmin);
            var crowd = Enumerable.Range(1, 201).Select(i => w.Employee(agency, $"Crowd {i:000}")).ToList();
            crowd.ForEach(e => w.Seat(client, agency, e, AccessType.User, "Sales"));
            return (Agency: agency.HubId, Boss: boss.Email, Client: client.HubId, Crowd: crowd.Select(e => e.Id).ToList());
        });
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/clients/{world.Client}?handler=Confirm";
        static IEnumerable<KeyValuePair<string, string>> Removed(IEnumerable<Guid> people) => people.Select(p => new KeyValuePair<string, string>("remove", $"{p}"));

        var one = await StatementsOfAsync(boss, url, Removed(world.Crowd.Take(1)));
        var many = await StatementsOfAsync(boss, url, Removed(world.Crowd.Skip(1)));
        output.WriteLine($"1 employee: {one} statements; 200 employees: {many} statements");
        Assert.Equal(one, many);
        Assert.Equal(1, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == world.Client && m.PartnerHubId == world.Agency)));
    }
}
