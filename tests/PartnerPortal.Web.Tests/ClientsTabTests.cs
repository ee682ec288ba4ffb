using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using CamPage = PartnerPortal.Web.Pages.Partner.ClientAccessManager.IndexModel;

namespace PartnerPortal.Web.Tests;

/// <summary>R5: Partner &gt; Client Access Manager, Clients tab, as a partner admin sees it.</summary>
public sealed class ClientsTabTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private sealed record Row(string Name, string HubId, string AccessType, string Employees, string Relationship);

    private static List<Row> Rows(IDocument page) =>
        page.QuerySelectorAll("table[aria-label=Clients] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => new Row(c[0], c[1], c[2], c[3], c[4]))
            .ToList();

    private async Task<List<Row>> RowsAsync(string email, string query = "")
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(email);
        var (status, page) = await client.GetPageAsync(Cam + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return Rows(page);
    }

    [Fact]
    public async Task R5_default_filter_lists_clients_where_you_are_Partner_Admin_or_Super_Admin()
    {
        var rows = await RowsAsync(Personas.PartnerSuperAdmin);

        Assert.Equal(
            ["Atlas Freight Logistics", "Greenleaf Dental Group", "Harbor Coffee Roasters", "Maple Street Books", "Nordic Outdoor Gear", "Orchid Spa & Wellness", "Vertex Software"],
            rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Contains(r.AccessType, new[] { "Partner Admin", "Super Admin" }));
        Assert.Equal("Super Admin", rows.Single(r => r.Name == "Nordic Outdoor Gear").AccessType);
        Assert.Equal("45100001", rows.Single(r => r.Name == "Harbor Coffee Roasters").HubId);
    }

    [Fact]
    public async Task R5_selecting_all_access_types_lists_every_current_client_of_the_partner()
    {
        var rows = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=all");

        Assert.Equal(13, rows.Count);
        Assert.Equal("User", rows.Single(r => r.Name == "Bluebird Bakery").AccessType);
        Assert.Equal("No access", rows.Single(r => r.Name == "Pinecrest Realty").AccessType);
        Assert.Contains(rows, r => r.Name.StartsWith("Lumen Reseller Network", StringComparison.Ordinal) && r.Name.Contains("Partner account", StringComparison.Ordinal));
        // An ended relationship and an invitation not yet accepted are not clients in the list.
        Assert.DoesNotContain(rows, r => r.Name is "Quartz Analytics" or "Willow Interiors");
        // Another partner's clients never appear.
        Assert.DoesNotContain(rows, r => r.Name is "Ironwood Construction" or "Lakeside Dental" or "Sunrise Solar");
    }

    [Fact]
    public async Task R5_ticking_each_box_filters_to_exactly_those_access_types()
    {
        var noAccess = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=no-access");
        Assert.Equal(["Coastal Legal Partners", "Lumen Reseller Network", "Pinecrest Realty", "Riverbend Veterinary", "Summit Fitness Studios"],
            noAccess.Select(r => r.Name.Split("Partner account")[0].Trim()));

        var users = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=user");
        Assert.Equal(["Bluebird Bakery"], users.Select(r => r.Name));

        var none = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true");
        Assert.Empty(none);
    }

    [Fact]
    public async Task R5_shows_the_number_of_this_partners_employees_and_the_end_date_when_ending()
    {
        var rows = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=all");

        Assert.Equal("3", rows.Single(r => r.Name == "Harbor Coffee Roasters").Employees);
        // Orchid Spa is also serviced by Crestline: only Brightwave's own employee is counted.
        Assert.Equal("1", rows.Single(r => r.Name == "Orchid Spa & Wellness").Employees);
        var summit = rows.Single(r => r.Name == "Summit Fitness Studios");
        Assert.Equal("0", summit.Employees);
        var endsAt = await Fixture.InDbAsync(db => Task.FromResult(db.Relationships.Single(r => r.ClientHubId == Personas.SummitFitness).EndsAt!.Value));
        Assert.Equal($"Ending {endsAt:MMM d, yyyy}", summit.Relationship);
        Assert.Equal("Active", rows.Single(r => r.Name == "Vertex Software").Relationship);
    }

    [Fact]
    public async Task R5_a_client_access_manager_sees_their_own_access_types()
    {
        var rows = await RowsAsync(Personas.ClientAccessManager);

        Assert.Equal(["Atlas Freight Logistics", "Harbor Coffee Roasters", "Riverbend Veterinary"], rows.Select(r => r.Name));
        Assert.Equal("Super Admin", rows[0].AccessType);
    }

    [Fact]
    public async Task R5_search_finds_clients_by_part_of_the_name_or_Hub_ID()
    {
        var byName = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=all&q=dental");
        Assert.Equal(["Greenleaf Dental Group"], byName.Select(r => r.Name));

        var byHubId = await RowsAsync(Personas.PartnerSuperAdmin, "?filtered=true&types=all&q=45100011");
        Assert.Equal(["Riverbend Veterinary"], byHubId.Select(r => r.Name));
    }

    [Fact]
    public async Task R5_pages_through_the_list_keeping_the_filter()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.PartnerSuperAdmin);

        var (_, first) = await client.GetPageAsync(Cam + "?filtered=true&types=all&size=10");
        Assert.Equal(10, Rows(first).Count);
        Assert.Equal("Showing 1–10 of 13 clients", first.QuerySelector("[data-testid=client-count]")!.TextContent.Trim());

        var next = first.QuerySelectorAll("nav[aria-label='Client pages'] a").Single(a => a.TextContent == "Next").GetAttribute("href")!;
        var (_, second) = await client.GetPageAsync(Cam + next);
        Assert.Equal(3, Rows(second).Count);
        Assert.Empty(Rows(first).Select(r => r.Name).Intersect(Rows(second).Select(r => r.Name)));
    }

    [Fact]
    public async Task R5_bad_filter_input_gets_a_clear_message_not_an_error()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.PartnerSuperAdmin);

        var (status, page) = await client.GetPageAsync(Cam + "?filtered=true&types=owner&p=0&size=7");

        Assert.Equal(HttpStatusCode.OK, status);
        var messages = page.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Access types can be Super Admin, Partner Admin, User or No access.", messages, StringComparison.Ordinal);
        Assert.Contains("Pages are numbered from 1.", messages, StringComparison.Ordinal);
        Assert.Contains("clients per page", messages, StringComparison.Ordinal);
        Assert.Equal(7, Rows(page).Count); // the default list beside the message
    }

    [Theory]
    [InlineData(Personas.PlainPartnerEmployee)]
    [InlineData(Personas.PartnerEmployeeManager)]
    [InlineData(Personas.OtherPartnerSuperAdmin)]
    [InlineData(Personas.ClientSuperAdmin)]
    public async Task R5_only_Super_Admins_and_client_access_managers_of_this_partner_may_open_it(string email)
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(email);

        var (status, page) = await client.GetPageAsync(Cam);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You don't have access to this page", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor Coffee Roasters", page.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R5_the_other_partner_sees_only_its_own_clients_in_its_own_manager()
    {
        var result = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = Personas.Crestline, AccessTypes = [CamPage.AccessTypeOption.All] }, Personas.OtherPartnerSuperAdmin);

        Assert.True(result.Succeeded);
        Assert.Equal(["Ironwood Construction", "Lakeside Dental", "Orchid Spa & Wellness", "Sunrise Solar"], result.Value!.Clients.Select(c => c.Name));
        Assert.Equal(1, result.Value.Clients.Single(c => c.Name == "Orchid Spa & Wellness").PartnerEmployees);
    }

    [Fact]
    public async Task R5_the_handler_refuses_a_partner_hub_id_the_user_does_not_belong_to()
    {
        var result = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = Personas.Brightwave }, Personas.OtherPartnerSuperAdmin);
        Assert.Equal(ResultStatus.Forbidden, result.Status);

        var client = await Fixture.SendAsync(new CamPage.Query { PartnerHubId = Personas.HarborCoffee }, Personas.ClientSuperAdmin);
        Assert.Equal(ResultStatus.NotFound, client.Status); // a client account has no Client Access Manager
    }

    [Fact]
    public async Task R5_a_new_relationship_shows_up_with_your_access_type()
    {
        var avaId = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        await Fixture.InDbAsync(async db =>
        {
            var willow = db.Relationships.Single(r => r.ClientHubId == 45_100_015 && r.PartnerHubId == Personas.Brightwave);
            willow.Activate(DateTimeOffset.UtcNow);
            var account = await db.Accounts.Include(a => a.Memberships).Include(a => a.PermissionSets).SingleAsync(a => a.HubId == 45_100_015);
            var ava = await db.DomainUsers.SingleAsync(u => u.Id == avaId);
            Assert.True(account.AddPartnerEmployee(ava, Personas.Brightwave, account.StandardPartnerAdminSet, new Actor(avaId), DateTimeOffset.UtcNow).Succeeded);
            return await db.SaveChangesAsync();
        });

        var rows = await RowsAsync(Personas.PartnerSuperAdmin);

        var willowRow = rows.Single(r => r.Name == "Willow Interiors");
        Assert.Equal("Partner Admin", willowRow.AccessType);
        Assert.Equal("1", willowRow.Employees);
    }
}
