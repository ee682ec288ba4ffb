using System.Net;
using AngleSharp.Dom;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Pages.Components;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// The account switcher on every signed-in page stays the same size however many clients an admin is in: partner
/// accounts, the current one and the recently opened ones; All your accounts finds the rest, searched and paged.
/// </summary>
public sealed class AccountSwitcherTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record SwitcherWorld(long Agency, string Boss, IReadOnlyList<(long HubId, string Name)> Clients);

    /// <summary>Bea, Super Admin of Switch Agency, is Partner Admin in 60 clients (Client 01 … Client 60).</summary>
    private Task<SwitcherWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Switch Agency");
        var boss = w.Employee(agency, "Bea Switch", AccessType.SuperAdmin);
        var clients = new List<(long, string)>();
        for (var i = 1; i <= 60; i++)
        {
            var client = w.Client($"Client {i:00}");
            w.Services(agency, client);
            w.Seat(client, agency, boss, AccessType.SuperAdmin); // a Super Admin there: she may approve any partner's link (SPEC §3)
            clients.Add((client.HubId, client.Name));
        }
        return new SwitcherWorld(agency.HubId, boss.Email, clients);
    });

    private static List<string> Menu(IDocument page) =>
        page.QuerySelectorAll("[aria-labelledby=account-switcher] a.dropdown-item[href$='/home']").Select(a => a.ChildNodes[0].TextContent.Trim()).ToList();

    [Fact]
    public async Task The_switcher_shows_the_partner_account_the_current_and_recent_accounts_not_all_sixty_clients()
    {
        var world = await BuildAsync();
        using var bea = await Fixture.SignedInAsync(world.Boss);

        var (_, home) = await bea.FollowAsync($"/{world.Agency}/home");
        Assert.Equal(["Switch Agency"], Menu(home));
        Assert.NotNull(home.QuerySelectorAll("[aria-labelledby=account-switcher] a").SingleOrDefault(a => a.TextContent.Trim() == "All your accounts…"));

        // Opening two clients makes them recent: the menu offers them from then on, the newest first among equals by name.
        await bea.GetPageAsync($"/{world.Clients[41].HubId}/home");
        var (_, client) = await bea.GetPageAsync($"/{world.Clients[6].HubId}/home");
        Assert.Equal(["Switch Agency", "Client 07", "Client 42"], Menu(client));
        var (_, back) = await bea.FollowAsync($"/{world.Agency}/home");
        Assert.Equal(["Switch Agency", "Client 07", "Client 42"], Menu(back));
        Assert.True(Menu(back).Count <= AccountSwitcher.Size);
    }

    [Theory]
    [InlineData(AccountSwitcher.Size, false)]
    [InlineData(AccountSwitcher.Size + 1, true)]
    public async Task Someone_in_as_many_accounts_as_the_menu_holds_sees_them_all_and_one_more_brings_All_your_accounts(int accounts, bool cut)
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Edge Agency");
            var boss = w.Employee(agency, "Eda Edge", AccessType.SuperAdmin);
            for (var i = 1; i < accounts; i++)
            {
                var client = w.Client($"Edge Client {i:00}");
                w.Services(agency, client);
                w.Seat(client, agency, boss, AccessType.SuperAdmin);
            }
            return (Agency: agency.HubId, Boss: boss.Email);
        });
        using var eda = await Fixture.SignedInAsync(world.Boss);

        var (_, home) = await eda.FollowAsync($"/{world.Agency}/home");

        Assert.Equal(cut ? 1 : accounts, Menu(home).Count); // cut: only the partner account (no client opened yet)
        Assert.Equal(cut, home.QuerySelectorAll("[aria-labelledby=account-switcher] a").Any(a => a.TextContent.Trim() == "All your accounts…"));
    }

    [Fact]
    public async Task A_forged_recent_cookie_shows_nothing_that_is_not_yours()
    {
        var world = await BuildAsync();
        using var bea = await Fixture.SignedInAsync(world.Boss);
        bea.Cookies.Add(BrowserLikeClient.BaseAddress, new Cookie(RecentAccounts.Cookie, $"{Personas.Brightwave}.{Personas.HarborCoffee}.x.-5.{world.Clients[2].HubId}"));

        var (status, home) = await bea.FollowAsync($"/{world.Agency}/home");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Switch Agency", "Client 03"], Menu(home));
    }

    [Fact]
    public async Task All_your_accounts_is_searched_and_paged()
    {
        var world = await BuildAsync();
        using var bea = await Fixture.SignedInAsync(world.Boss);

        var (_, first) = await bea.GetPageAsync("/accounts");
        Assert.Equal(50, first.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr").Length);
        Assert.Contains("Showing 1–50 of 61 accounts", first.QuerySelector("[data-testid=account-count]")!.TextContent, StringComparison.Ordinal);
        var (_, second) = await bea.GetPageAsync("/accounts?p=2");
        Assert.Equal(11, second.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr").Length);
        var (farStatus, far) = await bea.GetPageAsync($"/accounts?p={int.MaxValue}"); // past the end: the last page
        Assert.Equal(System.Net.HttpStatusCode.OK, farStatus);
        Assert.Equal(11, far.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr").Length);

        var (_, found) = await bea.GetPageAsync("/accounts?q=client+5");
        Assert.Equal(["Client 50", "Client 51", "Client 52", "Client 53", "Client 54", "Client 55", "Client 56", "Client 57", "Client 58", "Client 59"],
            found.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        var (_, byHubId) = await bea.GetPageAsync($"/accounts?q={world.Clients[9].HubId}");
        Assert.Equal(["Client 10"], byHubId.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        // Any case finds the name; the characters a LIKE pattern would treat as wildcards are searched for as themselves.
        var (_, upper) = await bea.GetPageAsync("/accounts?q=CLIENT+6");
        Assert.Equal(["Client 60"], upper.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        foreach (var wildcard in new[] { "%25", "_", "client_6", "client%256", "%5C" })
        {
            var (_, none) = await bea.GetPageAsync($"/accounts?q={wildcard}");
            Assert.Empty(none.QuerySelectorAll("table[aria-label='Your accounts'] tbody tr"));
        }

        var (badStatus, bad) = await bea.GetPageAsync("/accounts?p=0");
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Contains("Pages are numbered from 1.", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R2_the_approval_page_lists_at_most_50_accounts_and_finds_the_others_by_search()
    {
        var world = await BuildAsync();
        using var bea = await Fixture.SignedInAsync(world.Boss);
        var link = $"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}";
        static List<string> Choices(IDocument page) =>
            page.QuerySelectorAll("input[name='Data.ClientHubId']").Select(i => page.QuerySelector($"label[for='{i.Id}']")!.TextContent.Trim()).ToList();

        var (_, page) = await bea.GetPageAsync(link);
        Assert.Equal(50, Choices(page).Count);
        Assert.Contains("search to find the others", page.QuerySelector("main form[method=post]")!.TextContent, StringComparison.Ordinal);

        var (_, found) = await bea.GetPageAsync($"{link}?q=client+60");
        Assert.Equal([$"Client 60 (Hub ID {world.Clients[59].HubId})"], Choices(found));
        using var approved = await bea.SubmitFormAsync($"{link}?q=client+60", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{world.Clients[59].HubId}" });
        var (_, after) = await bea.GetPageAsync(BrowserLikeClient.LocationOf(approved));
        Assert.Contains("now has access to Client 60", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }
}
