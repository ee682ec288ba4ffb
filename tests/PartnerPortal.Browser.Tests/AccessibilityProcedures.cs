using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// axe-core on every page and dialog state the procedures visit, at desktop width and on a phone
/// (390 px): no serious or critical violation anywhere. The counts per state are printed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityOnDesktop(BrowserFixture browser, ITestOutputHelper output) : AccessibilityProcedures(browser, output)
{
    [Fact]
    public Task Every_page_and_dialog_state_has_no_serious_or_critical_accessibility_violation() => SweepAsync("desktop");
}

/// <summary>The same sweep on a phone, in the other collection, so that the two run at once.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class AccessibilityOnPhone(BrowserFixture browser, ITestOutputHelper output) : AccessibilityProcedures(browser, output)
{
    [Fact]
    public Task Every_page_and_dialog_state_has_no_serious_or_critical_accessibility_violation() => SweepAsync("phone");
}

public abstract class AccessibilityProcedures(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private readonly List<string> _report = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> _failures = [];

    private async Task CheckAsync(IPage page, string state)
    {
        var since = _clock.Elapsed;
        var result = await Steps.AxeAsync(page);
        var axe = _clock.Elapsed - since;
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        _report.Add($"[{since.TotalSeconds:0.0} s, axe {axe.TotalSeconds:0.0} s] {state}: {serious.Count} serious or critical, {result.Violations.Length - serious.Count} minor or moderate, {result.Passes.Length} rules passed");
        foreach (var violation in serious)
            _failures.Add($"{state}: {violation.Id} ({violation.Impact}) at {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}");
    }

    protected async Task SweepAsync(string device)
    {
        var page = device == "phone" ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        var phone = device == "phone";

        await page.GotoAsync("/sign-in");
        await CheckAsync(page, "Sign in");
        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await CheckAsync(page, "Partner home");
        if (phone)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
            await Steps.ScreenshotAsync(page, "phone-menu-open");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
            await CheckAsync(page, "Menu open");
        }

        await page.GotoAsync("/accounts");
        await CheckAsync(page, "All your accounts");

        await page.GotoAsync(Cam);
        await CheckAsync(page, "Clients tab");
        await page.GetByText("Access types:").ClickAsync();
        await CheckAsync(page, "Access types filter open");
        await page.GotoAsync(Cam);

        await page.GetByRole(AriaRole.Link, new() { Name = "Get access link" }).ClickAsync();
        await Expect(Steps.Dialog(page).GetByRole(AriaRole.Heading, new() { Name = "Your access link" })).ToBeVisibleAsync();
        await CheckAsync(page, "Get access link dialog");
        await page.GotoAsync(Cam);

        await Steps.RowActionAsync(page, "Harbor Coffee Roasters", "Add employees");
        var panel = page.Locator("#page-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Add employees to Harbor Coffee Roasters" })).ToBeVisibleAsync();
        await CheckAsync(page, "Add employees panel");
        await panel.GetByText("Employees: none selected").ClickAsync();
        await CheckAsync(page, "Add employees panel, Employees dropdown open");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add employees" }).ClickAsync();
        await Expect(panel.GetByText("Select at least one employee.")).ToBeVisibleAsync();
        await CheckAsync(page, "Add employees panel with messages");

        await page.GotoAsync($"{Cam}/clients/{Personas.HarborCoffee}");
        await CheckAsync(page, "Client details");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select Emma Schmidt" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove partner employee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review the removal" })).ToBeVisibleAsync();
        await CheckAsync(page, "Removal review");
        await Steps.RowActionAsync(page, "Emma Schmidt", "Change permission set");
        await Expect(Steps.Dialog(page).GetByRole(AriaRole.Heading, new() { Name = "Change permission set" })).ToBeVisibleAsync();
        await CheckAsync(page, "Change permission set dialog");

        await page.GotoAsync($"{Cam}/clients/{Personas.NordicOutdoor}/change-to-partner-admin");
        await CheckAsync(page, "Change to Partner Admin (page)");

        await page.GotoAsync($"{Cam}/employees");
        await CheckAsync(page, "Employees tab");
        await Steps.RowActionAsync(page, "George Li", "Link clients");
        await Expect(Steps.Dialog(page).GetByRole(AriaRole.Heading, new() { Name = "Link clients to George Li" })).ToBeVisibleAsync();
        await CheckAsync(page, "Link clients dialog");
        await Steps.Dialog(page).GetByText("Clients where George Li already is a user: none selected").ClickAsync();
        await CheckAsync(page, "Link clients dialog, dropdown open");

        await page.GotoAsync($"{Cam}/employees");
        await page.GetByRole(AriaRole.Link, new() { Name = "Farah Khan" }).ClickAsync();
        await CheckAsync(page, "Employee page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Actions", Exact = true }).ClickAsync();
        await CheckAsync(page, "Employee actions menu");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove employee from clients" }).ClickAsync();
        await CheckAsync(page, "Remove employee from clients");
        await page.GetByLabel("Nordic Outdoor Gear").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await CheckAsync(page, "Remove employee from clients, review");

        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");
        await CheckAsync(page, "Users & Teams");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ian Brooks" }).ClickAsync();
        await panel.GetByRole(AriaRole.Link, new() { Name = "Partner program" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Switch, new() { Name = "Partner employee" })).ToBeVisibleAsync();
        await CheckAsync(page, "User panel, Partner program tab");
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Farah Khan" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review the removal" })).ToBeVisibleAsync();
        await CheckAsync(page, "Remove user, review");
        await page.GotoAsync($"/{Personas.Brightwave}/settings/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        await Expect(Steps.Dialog(page).GetByRole(AriaRole.Heading, new() { Name = "Create user" })).ToBeVisibleAsync();
        await CheckAsync(page, "Create user dialog");
        await page.GotoAsync($"/{Personas.Brightwave}/settings/partner-email-domains");
        await CheckAsync(page, "Partner employee email domains");
        await page.GotoAsync($"/{Personas.Brightwave}/settings/security");
        await CheckAsync(page, "Security settings");

        var dashboard = $"/{Personas.Brightwave}/partner/dashboard";
        await page.GotoAsync($"{dashboard}/employees");
        await CheckAsync(page, "Dashboard, Partner Employees tab");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        await Expect(page.Locator("#page-panel").GetByRole(AriaRole.Heading, new() { Name = "Hana Sato" })).ToBeVisibleAsync();
        await CheckAsync(page, "Partner employee panel");
        await page.Locator("#page-panel").GetByRole(AriaRole.Link, new() { Name = "+ Assign clients" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).Locator("summary", new() { HasText = "Choose clients or enter HubID" }).ClickAsync();
        await CheckAsync(page, "Assign clients dialog, dropdown open");
        await page.GotoAsync($"{dashboard}/employees/{await browser.UserIdAsync(Personas.Hana)}/clients/{Personas.GreenleafDental}/remove");
        await CheckAsync(page, "Remove Access (type REMOVE)");
        await page.GotoAsync($"{dashboard}/clients/{Personas.HarborCoffee}");
        await CheckAsync(page, "Dashboard client, Partner employees section");
        await page.GetByRole(AriaRole.Link, new() { Name = "+ Add partner employee" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await CheckAsync(page, "Add partner employee dialog");
        await page.GotoAsync($"{dashboard}/clients/{Personas.HarborCoffee}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove access" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).Locator("summary", new() { HasText = "Whose access do you want to remove?" }).ClickAsync();
        await CheckAsync(page, "Remove access dialog, picker open");
        await page.GotoAsync($"{dashboard}/employees");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        await page.Locator("#page-panel").GetByRole(AriaRole.Button, new() { Name = "Offboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Offboard Hana Sato" })).ToBeVisibleAsync();
        await CheckAsync(page, "Offboard review");
        await page.GotoAsync("/account/two-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await CheckAsync(page, "Two-factor set-up (key and QR code)");

        await page.GotoAsync($"/{Personas.HarborCoffee}/partner/client-access-manager");
        await CheckAsync(page, "404 page");
        var client = phone ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        await Steps.SignInAsync(client, Personas.ClientSuperAdmin);
        await client.GotoAsync(Cam);
        await CheckAsync(client, "404 page (an account you are not in)");
        await page.GotoAsync($"/{Personas.HarborCoffee}/client/partners/{Personas.Brightwave}/revoke");
        await CheckAsync(page, "403 page (a Partner Admin may not revoke a partner)");
        await client.GotoAsync($"/access/{await browser.AccessLinkTokenAsync(Personas.Hana)}");
        await CheckAsync(client, "Approve access link");
        // The client's own side (issue 10).
        var harbor = $"/{Personas.HarborCoffee}";
        await client.GotoAsync($"{harbor}/home");
        await CheckAsync(client, "Client home");
        foreach (var (path, state) in new[] { ("users", "Client Users & Teams"), ("permission-sets", "Permission sets"), ("partners", "Partners"),
                     ("partner-access", "Partner access ledger"), ("billing", "Billing"), ("security", "Client security settings"), ("audit-trail", "Client audit trail"),
                     ($"partners/{Personas.Brightwave}/revoke", "Revoke partner review") })
        {
            await client.GotoAsync($"{harbor}/client/{path}");
            await CheckAsync(client, state);
        }
        await client.GotoAsync($"{harbor}/client/users/create");
        await client.GetByLabel("Email").FillAsync(Personas.Hana);
        await client.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await CheckAsync(client, "Create user, Choose access");
        await client.GotoAsync($"{harbor}/client/users/{await browser.UserIdAsync(Personas.ClientUser)}");
        await CheckAsync(client, "Client user page");
        await page.GotoAsync($"/{Personas.Brightwave}/partner/client-invitations");
        await CheckAsync(page, "Pending client invitations");
        // R25-R27: the partner's Partner Access pages (the conditions, a file's result) and the reviewers' queue.
        await page.GotoAsync($"/{Personas.Brightwave}/partner/partner-access/request?client={Personas.GreenleafDental}");
        await CheckAsync(page, "Request Partner Access, a condition not met");
        await page.GotoAsync($"/{Personas.Brightwave}/partner/partner-access/upload");
        await page.GetByLabel("CSV or Excel file").SetInputFilesAsync(new FilePayload
        {
            Name = "requests.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes($"Hub ID,User email\r\n{Personas.HarborCoffee},{Personas.ClientAccessManager}\r\nnope,x\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and submit" }).ClickAsync();
        await Expect(page.GetByTestId("upload-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "Upload result");
        await page.GotoAsync($"/{Personas.Brightwave}/partner/partner-access");
        await CheckAsync(page, "Partner Access requests");
        // B1, B5, B6: the partner's audit trail and access reviews; notifications and their email preferences.
        await page.GotoAsync($"/{Personas.Brightwave}/partner/audit-trail");
        await CheckAsync(page, "Partner audit trail");
        await page.GotoAsync($"/{Personas.Brightwave}/partner/access-reviews");
        await CheckAsync(page, "Access reviews");
        await page.GotoAsync("/notifications");
        await CheckAsync(page, "Notifications");
        await page.GotoAsync("/notifications/preferences");
        await CheckAsync(page, "Email preferences");
        var reviewer = phone ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        await Steps.SignInAsync(reviewer, Personas.Reviewer);
        await CheckAsync(reviewer, "Partner Access reviews");
        var twoStep = phone ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        await twoStep.GotoAsync("/sign-in");
        await twoStep.GetByLabel("Email").FillAsync(PartnerPortal.Web.Infrastructure.DemoData.DemoWorld.TwoFactorEmail);
        await twoStep.GetByLabel("Password").FillAsync(Personas.Password);
        await twoStep.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(twoStep.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await CheckAsync(twoStep, "Two-factor sign-in (code)");

        // O1-O3 (issue 23): the operator's pages, and the pages of someone without an account yet.
        var operatorPage = phone ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        await Steps.SignInAsync(operatorPage, Personas.PlatformOperator);
        await CheckAsync(operatorPage, "Every account (operator)");
        await operatorPage.GotoAsync("/operator/reviewers");
        await CheckAsync(operatorPage, "Reviewers and channel consultants (operator)");
        var stranger = phone ? await browser.NewPhonePageAsync() : await browser.NewPageAsync();
        await stranger.GotoAsync("/forgot-password");
        await CheckAsync(stranger, "Forgot password");
        await stranger.GotoAsync("/sign-up");
        await CheckAsync(stranger, "Sign up");

        output.WriteLine($"axe on {device}:{Environment.NewLine}{string.Join(Environment.NewLine, _report)}");
        Assert.True(_failures.Count == 0, string.Join(Environment.NewLine, _failures));
    }
}
