using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// Seed 000, "Manage Partner employee access to client accounts": each numbered procedure, clicked
/// by its labels, with the result checked on screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SeedProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, email);
        return page;
    }

    private static async Task<string> CopyLinkAsync(IPage page)
    {
        var dialog = Steps.Dialog(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(dialog.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        return await page.EvaluateAsync<string>("navigator.clipboard.readText()");
    }

    [Fact]
    public async Task R1_R3_get_your_access_link_and_a_client_approves_it()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. In the upper-right, click Get access link. 3. In the dialog box, click Copy link.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Get access link" }).ClickAsync();
        await Expect(Steps.Dialog(ava).GetByRole(AriaRole.Heading, new() { Name = "Your access link" })).ToBeVisibleAsync();
        var link = await CopyLinkAsync(ava);
        Assert.Matches(AccessLinkPattern(), link);
        await Steps.ScreenshotAsync(ava, "get-access-link-dialog");

        // 4.–5. The link reaches a client: Pinecrest Realty's Super Admin opens it and approves.
        var client = await SignedInAsync("noel.hart@pinecrestrealty.com");
        await client.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Brightwave Digital asks for access" })).ToBeVisibleAsync();
        await Expect(client.GetByText("ava.patel@brightwave.io")).ToBeVisibleAsync();
        await client.GetByLabel("Pinecrest Realty").CheckAsync();
        await client.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(client.GetByRole(AriaRole.Status)).ToContainTextAsync("Ava Patel now has access to Pinecrest Realty as Partner Admin, Partner seat");
        await Steps.ScreenshotAsync(client, "access-link-approved");

        // 6. The employee sees the client in the list with Partner Admin.
        await ava.ReloadAsync();
        await Expect(Steps.Row(ava, "Pinecrest Realty")).ToContainTextAsync("Partner Admin");
    }

    [Fact]
    public async Task R1_copy_another_employees_access_link_from_the_Employees_tab()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Click the Employees tab. 3. Click the name of the employee. 4. Actions > Copy access link.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Employees", Exact = true }).ClickAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Hana Sato" }).ClickAsync();
        await Expect(ava.GetByRole(AriaRole.Heading, new() { Name = "Hana Sato" })).ToBeVisibleAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Actions", Exact = true }).ClickAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Copy access link" }).ClickAsync();

        await Expect(Steps.Dialog(ava).GetByRole(AriaRole.Heading, new() { Name = "Access link of Hana Sato" })).ToBeVisibleAsync();
        var link = await CopyLinkAsync(ava);
        Assert.Matches(AccessLinkPattern(), link);
        Assert.DoesNotContain(await OwnLinkAsync(ava), link, StringComparison.Ordinal);
    }

    private static async Task<string> OwnLinkAsync(IPage page)
    {
        var own = await page.Context.NewPageAsync();
        await own.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager/access-link");
        var value = await own.Locator("#access-link-url").InputValueAsync();
        await own.CloseAsync();
        return value;
    }

    [Fact]
    public async Task R6_add_employees_to_a_client()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Hover over a client, Actions > Add employees.
        await Steps.RowActionAsync(ava, "Harbor Coffee Roasters", "Add employees");
        var panel = Steps.Dialog(ava);
        await Expect(panel).ToHaveClassAsync(new Regex("offcanvas-end")); // the right panel
        // 3. In the right panel, click the Employees dropdown menu and select the checkbox next to each employee.
        await panel.GetByText("Employees: none selected").ClickAsync();
        await panel.GetByLabel("Hana Sato").CheckAsync();
        await panel.GetByLabel("Diego Alvarez").CheckAsync();
        await panel.GetByLabel("Permission set").SelectOptionAsync(new SelectOptionValue { Label = "Marketing" });
        await Steps.ScreenshotAsync(ava, "add-employees-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add employees" }).ClickAsync();

        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 2 employees with partner seats.");
        await Expect(Steps.Row(ava, "Hana Sato")).ToContainTextAsync("Marketing");
        await Expect(Steps.Row(ava, "Diego Alvarez")).ToContainTextAsync("Marketing");
    }

    [Fact]
    public async Task R8_link_clients_for_an_employee_without_a_partner_domain_email()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Employees tab. 3. Actions > Link clients. 4. Click the dropdown menu and select a client. 5. Confirm.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Employees", Exact = true }).ClickAsync();
        await Steps.RowActionAsync(ava, "George Li", "Link clients");
        var dialog = Steps.Dialog(ava);
        await dialog.GetByText("Clients where George Li already is a user: none selected").ClickAsync();
        await dialog.GetByLabel("Pinecrest Realty").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("George Li is linked to Pinecrest Realty and counts for managed credit there.");
        await Expect(Steps.Row(ava, "Pinecrest Realty")).ToContainTextAsync("Counts (linked)");
    }

    [Fact]
    public async Task R9_change_an_employees_permission_set()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Actions > Details. 3. Hover over an employee, Actions > Change permission set. 4. Select a set. 5. Confirm.
        await Steps.RowActionAsync(ava, "Harbor Coffee Roasters", "Details");
        await Steps.RowActionAsync(ava, "Emma Schmidt", "Change permission set");
        var dialog = Steps.Dialog(ava);
        await dialog.GetByLabel("Permission set").SelectOptionAsync(new SelectOptionValue { Label = "Sales" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("Emma Schmidt now has the Sales permission set in Harbor Coffee Roasters.");
        await Expect(Steps.Row(ava, "Emma Schmidt")).ToContainTextAsync("Sales");
    }

    [Fact]
    public async Task R10_remove_an_employee_from_client_accounts()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Employees tab. 3. Remove employee from clients. 4. Select clients. 5. Next. 6. Review, Done.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Employees", Exact = true }).ClickAsync();
        await Steps.RowActionAsync(ava, "Farah Khan", "Remove employee from clients");
        await ava.GetByLabel("Nordic Outdoor Gear").CheckAsync();
        await ava.GetByLabel("Vertex Software").CheckAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        var review = ava.GetByRole(AriaRole.Table, new() { Name = "Removal review" });
        await Expect(review).ToContainTextAsync("Nordic Outdoor Gear");
        await Expect(review).ToContainTextAsync("Vertex Software");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("Removed Farah Khan from Nordic Outdoor Gear and Vertex Software.");
        await Expect(ava.GetByText("Farah Khan has no access to your clients yet.")).ToBeVisibleAsync();
        // The receipt: what the Done changed, client by client.
        await ava.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "See what changed" }).ClickAsync();
        var receipt = ava.GetByRole(AriaRole.Table, new() { Name = "What changed" });
        await Expect(receipt).ToContainTextAsync("Nordic Outdoor Gear");
        await Expect(receipt).ToContainTextAsync("Vertex Software");
    }

    [Fact]
    public async Task R11_R12_remove_all_employees_from_one_client()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Click the name of the client. 3. Select all. 4. Remove partner employee. 5. Review, Confirm removal.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Greenleaf Dental Group" }).ClickAsync();
        await ava.GetByLabel("Select all employees").CheckAsync();
        await Expect(ava.GetByLabel("Select Hana Sato")).ToBeCheckedAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Remove partner employee" }).ClickAsync();
        await Expect(ava.GetByRole(AriaRole.Table, new() { Name = "Removal review" })).ToContainTextAsync("Hana Sato");
        await Expect(ava.GetByText("becomes Ending and ends on")).ToBeVisibleAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Confirm removal" }).ClickAsync();

        await Expect(ava.GetByText("None of your partner employees has access to Greenleaf Dental Group.")).ToBeVisibleAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Clients", Exact = true }).ClickAsync();
        await ava.GetByText("Access types:").ClickAsync();
        await ava.GetByLabel("Select all").CheckAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Steps.Row(ava, "Greenleaf Dental Group")).ToContainTextAsync("Ending");
    }

    [Fact]
    public async Task R13_migrate_from_Super_Admin_to_Partner_Admin_keeping_billing()
    {
        var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(ava);

        // 2. Hover over the client, Change to Partner Admin. 3. Keep billing permissions. 4. Confirm.
        await Steps.RowActionAsync(ava, "Nordic Outdoor Gear", "Change to Partner Admin");
        var dialog = Steps.Dialog(ava);
        await dialog.GetByLabel("Keep billing permissions").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("You are now Partner Admin in Nordic Outdoor Gear, keeping billing permissions.");
        await Expect(Steps.Row(ava, "Nordic Outdoor Gear")).ToContainTextAsync("Partner Admin");
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/access/[A-Za-z0-9_-]{43}$")]
    private static partial Regex AccessLinkPattern();
}
