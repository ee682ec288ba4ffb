using System.Net;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>The account switcher and what a signed-in user sees in the account they chose.</summary>
public sealed class AccountScopeTests(PortalFixture fixture) : PortalTest(fixture)
{
    private async Task<List<string>> SwitcherAsync(string email, long hubId)
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(email);
        var (status, page) = await client.GetPageAsync($"/{hubId}/home");
        Assert.Equal(HttpStatusCode.OK, status);
        return page.QuerySelectorAll("[aria-labelledby=account-switcher] a.dropdown-item").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task The_switcher_lists_every_account_the_user_belongs_to_partner_first()
    {
        var entries = await SwitcherAsync(Personas.PartnerSuperAdmin, Personas.Brightwave);

        Assert.StartsWith("Brightwave Digital", entries[0], StringComparison.Ordinal);
        Assert.Equal(9, entries.Count); // Brightwave and eight client accounts
        Assert.Contains(entries, e => e.StartsWith("Harbor Coffee Roasters", StringComparison.Ordinal) && e.Contains("Hub ID 45100001", StringComparison.Ordinal) && e.Contains("Partner Admin", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("Pinecrest Realty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_user_sees_only_their_own_account()
    {
        var entries = await SwitcherAsync(Personas.ClientUser, Personas.HarborCoffee);

        Assert.Single(entries);
        Assert.StartsWith("Harbor Coffee Roasters", entries[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_is_scoped_to_the_chosen_account()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.PartnerSuperAdmin);

        var (_, partner) = await client.GetPageAsync($"/{Personas.Brightwave}/home");
        var (_, harbor) = await client.GetPageAsync($"/{Personas.HarborCoffee}/home");

        Assert.Contains("Super Admin", partner.QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
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
