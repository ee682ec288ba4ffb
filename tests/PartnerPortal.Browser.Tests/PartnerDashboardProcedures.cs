using PartnerPortal.Domain;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.DemoData;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// Seed 002's dashboard procedures ("Assign clients to partner employees", "Assign partner employees to clients"), clicked by
/// their labels, and the beyond-features of the partner side: Offboard (B4) and two-factor sign-in (B7).
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed partial class PartnerDashboardProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>"In your HubSpot account, navigate to Partner &gt; Dashboard."</summary>
    private static async Task OpenDashboardAsync(IPage page)
    {
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Partner", Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task R16_R17_assign_clients_to_a_partner_employee_then_remove_access_by_typing_REMOVE()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        // A partner's home is its dashboard.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await OpenDashboardAsync(page);

        // Navigate to the Partner Employees tab; click a partner employee's name: the right panel shows their clients.
        await page.GetByRole(AriaRole.Link, new() { Name = "Partner Employees" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        var panel = page.Locator("#page-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Hana Sato" })).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Harbor Coffee Roasters" })).ToContainTextAsync("no access yet");

        // Click + Assign clients; in the dialog, the Choose clients or enter HubID dropdown; select a client; Confirm.
        await panel.GetByRole(AriaRole.Link, new() { Name = "+ Assign clients" }).ClickAsync();
        var dialog = Steps.Dialog(page);
        await dialog.Locator("summary", new() { HasText = "Choose clients or enter HubID" }).ClickAsync();
        await dialog.GetByLabel("Nordic Outdoor Gear").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        // The partner employee is not automatically granted access: the client must still grant it; their access link is offered.
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Hana Sato is now assigned to Nordic Outdoor Gear.");
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("the client must still grant it");
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = "Copy Hana Sato's access link" })).ToBeVisibleAsync();
        await Steps.ScreenshotAsync(page, "dashboard-assign-clients");

        // Or enter the HubID.
        await dialog.Locator("summary", new() { HasText = "Choose clients or enter HubID" }).ClickAsync();
        await dialog.GetByLabel("Or enter HubIDs").FillAsync($"{Personas.AtlasFreight}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Hana Sato is now assigned to Atlas Freight Logistics.");

        // Hover over the client's name and click Remove Access; type REMOVE; click Remove Access.
        await page.GotoAsync($"/{Personas.Brightwave}/partner/dashboard/employees");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        var greenleaf = panel.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Greenleaf Dental Group" });
        await greenleaf.HoverAsync();
        await greenleaf.GetByRole(AriaRole.Link, new() { Name = "Remove Access" }).ClickAsync();
        await dialog.GetByLabel("Type REMOVE to confirm").FillAsync("remove");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove Access" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Type REMOVE to confirm. Nothing was removed.");
        await dialog.GetByLabel("Type REMOVE to confirm").FillAsync("REMOVE");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove Access" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Removed Hana Sato from Greenleaf Dental Group.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Clients of Hana Sato" })).Not.ToContainTextAsync("Greenleaf Dental Group");
    }

    [Fact]
    public async Task R18_assign_partner_employees_to_a_client_and_remove_access_with_Whose_access_do_you_want_to_remove()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await OpenDashboardAsync(page);

        // In the Client List section, click the name of a client; the Partner employees section lists them.
        await page.GetByRole(AriaRole.Table, new() { Name = "Client list" }).GetByRole(AriaRole.Link, new() { Name = "Harbor Coffee Roasters" }).ClickAsync();
        var section = page.GetByRole(AriaRole.Table, new() { Name = "Partner employees of Harbor Coffee Roasters" });
        await Expect(Steps.Row(page, "Emma Schmidt")).ToContainTextAsync("User (Marketing)");

        // Click + Add partner employee; select the partner employee in the dropdown; Confirm.
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add partner employee" }).ClickAsync();
        var dialog = Steps.Dialog(page);
        await dialog.GetByLabel("Partner employee", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Diego Alvarez (diego.alvarez@brightwave.io)" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Diego Alvarez is now assigned to Harbor Coffee Roasters.");
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("must still grant it");

        // Click Remove access; the Whose access do you want to remove? dropdown; select; Remove access.
        await page.GotoAsync($"/{Personas.Brightwave}/partner/dashboard/clients/{Personas.HarborCoffee}");
        await Expect(section).ToContainTextAsync("Diego Alvarez");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove access" }).ClickAsync();
        await dialog.Locator("summary", new() { HasText = "Whose access do you want to remove?" }).ClickAsync();
        await dialog.GetByLabel("Emma Schmidt").CheckAsync();
        await dialog.GetByLabel("Diego Alvarez").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove access" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Removed Emma Schmidt from Harbor Coffee Roasters.");
        await Expect(section).Not.ToContainTextAsync("Emma Schmidt");
        await Expect(section).Not.ToContainTextAsync("Diego Alvarez");
    }

    [Fact]
    public async Task B4_offboard_an_employee_from_every_client_and_open_the_receipt()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await page.GotoAsync($"/{Personas.Brightwave}/partner/dashboard/employees");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        await page.Locator("#page-panel").GetByRole(AriaRole.Button, new() { Name = "Offboard" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Offboard Hana Sato" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Removal review" })).ToContainTextAsync("Greenleaf Dental Group");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Hana Sato was offboarded");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "What changed" })).ToContainTextAsync(AuditActions.PartnerEmployeeOffboarded);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.StartsWith("receipt-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("Greenleaf Dental Group", await File.ReadAllTextAsync(await download.PathAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task B7_enrol_an_authenticator_app_and_sign_in_with_its_code()
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, Personas.PlainPartnerEmployee);
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code of your authenticator key" })).ToBeVisibleAsync();
        var key = (await page.GetByTestId("authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Verification code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(Personas.PlainPartnerEmployee);
        await page.GetByLabel("Password").FillAsync(Personas.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await page.GetByLabel("Authentication code").FillAsync(Totp.NextCode(key)); // the code that turned it on is used up
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();

        // The demo employee who already uses it signs in with the published key.
        var jonas = await browser.NewPageAsync();
        await jonas.GotoAsync("/");
        await jonas.GetByLabel("Email").FillAsync(DemoWorld.TwoFactorEmail);
        await jonas.GetByLabel("Password").FillAsync(Personas.Password);
        await jonas.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await jonas.GetByLabel("Authentication code").FillAsync(Totp.Code(DemoWorld.TwoFactorKey));
        await jonas.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(jonas).ToHaveURLAsync(DashboardUrl());
    }

    [GeneratedRegex("/partner/dashboard$")]
    private static partial Regex DashboardUrl();
}
