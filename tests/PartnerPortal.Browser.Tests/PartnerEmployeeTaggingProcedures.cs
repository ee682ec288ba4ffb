using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>The seed's procedures (002, "Set up and use partner employee tagging"), clicked by their labels.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerEmployeeTaggingProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task R15_mark_users_as_partner_employee()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);

        // In your account, click Settings, then Users & Teams.
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Settings", Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Users & Teams" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users & Teams" })).ToBeVisibleAsync();
        await Expect(Steps.Row(page, "Ian Brooks")).ToContainTextAsync("Add and edit users");

        // Click the name of the user; in the right panel, navigate to the Partner program tab.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ian Brooks" }).ClickAsync();
        var panel = page.Locator("#page-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Ian Brooks" })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Link, new() { Name = "Partner program" }).ClickAsync();
        var partnerEmployee = panel.GetByRole(AriaRole.Switch, new() { Name = "Partner employee" });
        await Expect(partnerEmployee).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(panel).ToContainTextAsync("all users who access and work in client accounts should be marked as partner employees");

        // Click to toggle the Partner employee switch on.
        await partnerEmployee.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ian Brooks is now a partner employee");
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Partner employee" })).ToHaveAttributeAsync("aria-checked", "true");
        await Steps.ScreenshotAsync(page, "users-and-teams-partner-program");

        // He is on the Client Access Manager's Employees tab, with the checkmark of the partner's domain.
        await page.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager/employees?q=ian");
        await Expect(Steps.Row(page, "Ian Brooks").GetByTestId("partner-domain-check")).ToBeVisibleAsync();

        // By keyboard: the switch is a button; Space turns it off again.
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ian Brooks" }).ClickAsync();
        await panel.GetByRole(AriaRole.Link, new() { Name = "Partner program" }).ClickAsync();
        await panel.GetByRole(AriaRole.Switch, new() { Name = "Partner employee" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is no longer a partner employee");
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Partner employee" })).ToHaveAttributeAsync("aria-checked", "false");
    }

    [Fact]
    public async Task R7_a_Super_Admin_adds_a_partner_employee_email_domain_and_a_shared_one_is_refused()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Partner employee email domains" }).ClickAsync();

        await page.GetByLabel("Add a domain").FillAsync("gmail.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("gmail.com is a shared mail domain");

        await page.GetByLabel("Add a domain").FillAsync("brightwave-design.io");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("brightwave-design.io was added");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove brightwave-design.io" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task R20_removing_a_user_from_the_partner_account_revokes_their_access_in_every_client_account()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Farah Khan" }).ClickAsync();
        var panel = page.Locator("#page-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove user" }).ClickAsync();

        // The review: every client where she works for Brightwave, what she loses there, what becomes of each relationship.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review the removal" })).ToBeVisibleAsync();
        var reviewed = page.Locator("table[aria-label='Removal review'] tbody tr");
        var clients = await reviewed.CountAsync();
        Assert.True(clients > 0);
        await Steps.ScreenshotAsync(page, "remove-user-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove user" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Farah Khan was removed from Brightwave Digital and from {clients} client");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Farah Khan" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager/employees?q=farah");
        await Expect(page.GetByText("No partner employee matches \"farah\".")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_user_created_in_Users_and_Teams_sets_their_password_from_the_emailed_link_and_signs_in()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        var dialog = Steps.Dialog(page);
        await dialog.GetByLabel("Email").FillAsync("nora.new@brightwave.io");
        await dialog.GetByLabel("Name").FillAsync("Nora New");
        await dialog.GetByLabel("Client access manager").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nora New was added. We emailed nora.new@brightwave.io a link to set their password.");

        var link = System.Text.RegularExpressions.Regex.Match(await browser.LastMailToAsync("nora.new@brightwave.io"), @"/welcome/[A-Za-z0-9_-]+").Value;
        var newcomer = await browser.NewPageAsync();
        await newcomer.GotoAsync(link);
        await newcomer.GetByLabel("New password").FillAsync("a long new password");
        await newcomer.GetByLabel("Confirm password").FillAsync("a long new password");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(newcomer.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set.");
        await newcomer.GetByLabel("Email").FillAsync("nora.new@brightwave.io");
        await newcomer.GetByLabel("Password").FillAsync("a long new password");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(newcomer.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
