using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>The Client Access Manager on a phone (390 px) and with a keyboard only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneAndKeyboardProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} is wider than the phone: {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px");

    [Fact]
    public async Task On_a_phone_the_top_bar_is_a_menu_the_clients_fit_and_Add_employees_fills_the_screen()
    {
        var page = await browser.NewPhonePageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync(Cam);
        await AssertNoSidewaysScrollAsync(page);
        await Steps.ScreenshotAsync(page, "phone-clients");

        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(signOut).ToBeVisibleAsync();
        await Expect(page.Locator("#account-switcher")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();

        // 2. Hover over a client and click the Actions dropdown menu, then select Add employees.
        await Steps.RowActionAsync(page, "Harbor Coffee Roasters", "Add employees");
        var panel = page.Locator("#page-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Add employees to Harbor Coffee Roasters" })).ToBeVisibleAsync();
        Assert.True((await panel.BoundingBoxAsync())!.Width >= 389, "The panel does not fill the phone's width.");
        // 3. The Employees dropdown: search narrows it; tick an employee. 4. A permission set. 5. Add employees.
        // The search is on the server; what was ticked stays ticked through the next search.
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Find employees" }).FillAsync("hana");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(panel.GetByLabel("Diego Alvarez")).ToHaveCountAsync(0);
        await panel.GetByLabel("Hana Sato").CheckAsync();
        await Expect(panel.GetByText("Employees: 1 selected")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Searchbox, new() { Name = "Find employees" }).FillAsync("diego");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(panel.GetByLabel("Diego Alvarez")).ToBeVisibleAsync();
        await Expect(panel.GetByLabel("Hana Sato")).ToBeCheckedAsync();
        await Expect(panel.GetByText("Employees: 1 selected")).ToBeVisibleAsync();
        await panel.GetByLabel("Permission set").SelectOptionAsync(new SelectOptionValue { Label = "Marketing" });
        await Steps.ScreenshotAsync(page, "phone-add-employees");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add employees" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 1 employee with partner seats.");
        await AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_Employees_tab_fits_and_a_dialog_fills_the_screen()
    {
        var page = await browser.NewPhonePageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"{Cam}/employees");
        await AssertNoSidewaysScrollAsync(page);

        await Steps.RowActionAsync(page, "Hana Sato", "Copy access link");
        var dialog = Steps.Dialog(page);
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Access link of Hana Sato" })).ToBeVisibleAsync();
        Assert.True((await page.Locator("#page-dialog .modal-content").BoundingBoxAsync())!.Width >= 389, "The dialog does not fill the phone's width.");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeInViewportAsync();
    }

    [Fact]
    public async Task A_panel_that_has_messages_stays_a_panel_over_the_list()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync(Cam);

        await Steps.RowActionAsync(page, "Harbor Coffee Roasters", "Add employees");
        var panel = page.Locator("#page-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add employees" }).ClickAsync();

        await Expect(panel.GetByText("Select at least one employee.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Clients" })).ToHaveCountAsync(1); // the list is still behind it
        Assert.EndsWith("/partner/client-access-manager", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_keyboard_a_skip_link_leads_to_the_page_and_focus_comes_back_after_a_dialog_or_panel()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync(Cam);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();

        var getLink = page.GetByRole(AriaRole.Link, new() { Name = "Get access link" });
        await getLink.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Steps.Dialog(page)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(getLink).ToBeFocusedAsync();

        var actions = Steps.Row(page, "Harbor Coffee Roasters").GetByRole(AriaRole.Button, new() { Name = "Actions" });
        await actions.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Steps.Row(page, "Harbor Coffee Roasters").GetByRole(AriaRole.Link, new() { Name = "Add employees" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator("#page-panel");
        await Expect(panel).ToBeFocusedAsync();
        var employees = panel.GetByText("Employees: none selected");
        await employees.FocusAsync();
        await page.Keyboard.PressAsync("Enter"); // the dropdown opens from the keyboard too
        await panel.GetByLabel("Hana Sato").FocusAsync(); // deep inside the panel
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToBeHiddenAsync();
        await Expect(actions).ToBeFocusedAsync();
    }
}
