using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>The seed's procedures (000, "Manage Partner employee access to client accounts"), clicked by their labels.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ClientAccessManagerProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task R5_partner_admin_opens_Client_Access_Manager_and_widens_the_Access_types_filter()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);

        // 1. In your Partner account, navigate to Partner > Client Access Manager.
        await Steps.OpenClientAccessManagerAsync(page);

        var rows = page.Locator("table[aria-label=Clients] tbody tr");
        await Expect(rows).ToHaveCountAsync(7); // by default: where you are Partner Admin or Super Admin
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Pinecrest Realty", Exact = true })).ToHaveCountAsync(0);

        // 2. If you don't see the client account, click the Access types filter and select all checkboxes.
        await page.GetByText("Access types:").ClickAsync();
        await page.GetByLabel("Select all").CheckAsync();
        await Expect(page.GetByLabel("No access")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(13);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Pinecrest Realty", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Showing 1–13 of 13 clients")).ToBeVisibleAsync();
        var ending = rows.Filter(new() { HasText = "Summit Fitness Studios" });
        await Expect(ending).ToContainTextAsync("Ending");

        await Steps.ScreenshotAsync(page, "client-access-manager-clients");
    }

    [Fact]
    public async Task R5_unticking_Partner_Admin_leaves_only_the_clients_where_you_are_Super_Admin()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager");

        await page.GetByText("Access types:").ClickAsync();
        await page.GetByLabel("Partner Admin").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        var rows = page.Locator("table[aria-label=Clients] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("access-types-summary")).ToHaveTextAsync("Super Admin");
    }

    [Fact]
    public async Task R5_a_client_Super_Admin_who_follows_a_Client_Access_Manager_link_finds_nothing_as_for_an_account_that_does_not_exist()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.ClientSuperAdmin);

        var response = await page.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager");

        // Issue 22: an account you are not in answers as one that does not exist, so nobody learns which Hub IDs do.
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByText("Harbor Coffee Roasters")).ToHaveCountAsync(0);
    }
}
