using System.Net;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>The account switcher and what a signed-in user sees in the account they chose.</summary>
public sealed class AccountScopeTests(PortalFixture fixture) : PortalTest(fixture)
{
    private async Task<List<string>> SwitcherAsync(string email, long hubId)
    {
        using var client = await Fixture.SignedInAsync(email);
        var (status, page) = await client.FollowAsync($"/{hubId}/home");
        Assert.Equal(HttpStatusCode.OK, status);
        return page.QuerySelectorAll("[aria-labelledby=account-switcher] a.dropdown-item").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task The_switcher_lists_every_account_the_user_belongs_to_partner_first()
    {
        var (agency, boss, clients) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Switch Agency");
            var boss = w.Employee(agency, "Sal Switch", AccessType.SuperAdmin);
            var zinc = w.Client("Zinc Zoo");
            var apex = w.Client("Apex Art");
            w.Services(agency, zinc);
            w.Services(agency, apex);
            w.Seat(zinc, agency, boss, AccessType.PartnerAdmin);
            w.Seat(apex, agency, boss, AccessType.SuperAdmin);
            w.Services(agency, w.Client("Nope Nursery")); // serviced, but Sal holds nothing there
            return (agency, boss, new[] { apex.HubId, zinc.HubId });
        });

        var entries = await SwitcherAsync(boss.Email, agency.HubId);

        Assert.Equal(["Switch Agency", "Apex Art", "Zinc Zoo"], entries.Select(e => e.Split(" Hub ID")[0].Trim()));
        Assert.Contains($"Hub ID {clients[0]} · Super Admin", entries[1], StringComparison.Ordinal);
        Assert.Contains($"Hub ID {clients[1]} · Partner Admin", entries[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_user_sees_only_their_own_account()
    {
        var (client, tom) = await Fixture.BuildAsync(w =>
        {
            var client = w.Client("Solo Shop");
            var tom = w.Person("Tia User");
            w.Member(client, tom);
            w.Client("Someone Else's Shop");
            return (client.HubId, tom.Email);
        });

        var entries = await SwitcherAsync(tom, client);

        Assert.StartsWith("Solo Shop", Assert.Single(entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_is_scoped_to_the_chosen_account()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.PartnerSuperAdmin);

        var (_, partner) = await client.FollowAsync($"/{Personas.Brightwave}/home");
        var (_, harbor) = await client.GetPageAsync($"/{Personas.HarborCoffee}/home");

        Assert.Contains("Your access: Super Admin", partner.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Harbor Coffee Roasters", harbor.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Partner Admin", harbor.QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
        // R28: a Partner Admin does not hold the Super Admin-only rights.
        var permissions = harbor.QuerySelectorAll("dd")[1].TextContent;
        Assert.DoesNotContain("Add and remove Super Admins", permissions, StringComparison.Ordinal);
        Assert.DoesNotContain("Sensitive data", permissions, StringComparison.Ordinal);
        Assert.DoesNotContain("Billing settings", permissions, StringComparison.Ordinal);
        Assert.Equal("Harbor Coffee Roasters · Hub ID 45100001", harbor.QuerySelector("#account-switcher")!.TextContent.Trim());
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        using var client = Fixture.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
