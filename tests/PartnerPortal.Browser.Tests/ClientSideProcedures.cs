using Microsoft.Playwright;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.DemoData;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// The client's side, clicked by its labels: seed 004's three ways to make a Partner Admin, and seed 001's invitation,
/// acceptance in the partner's pending client invitations, and the client's revocation (R22–R24, R23, B2).
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ClientSideProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await Steps.SignInAsync(page, email);
        return page;
    }

    /// <summary>"Click the settings icon in the main navigation bar; in the left sidebar menu, navigate to …"</summary>
    private static async Task OpenSettingsAsync(IPage page, long hubId, string section)
    {
        await page.GotoAsync($"/{hubId}/home");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Settings", Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Seed004_a_client_Super_Admin_makes_Partner_Admins_by_access_link_by_migration_and_by_Create_user_from_a_template()
    {
        // 1. Access link: the partner employee sends their link; click it, choose the account, click Approve.
        var maria = await SignedInAsync(Personas.ClientSuperAdmin);
        await maria.GotoAsync($"/access/{await browser.AccessLinkTokenAsync(Personas.Hana)}");
        await maria.GetByLabel("Harbor Coffee Roasters").CheckAsync();
        await maria.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(maria.GetByRole(AriaRole.Status)).ToContainTextAsync("Hana Sato now has access to Harbor Coffee Roasters as Partner Admin");

        // 3. Create user: Settings → Users & Teams → Create user → email → Next → Start from a template → Choose a template →
        // Partner Admin → Next → Invite.
        await OpenSettingsAsync(maria, Personas.HarborCoffee, "Users & Teams");
        await maria.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        await maria.GetByLabel("Email").FillAsync("someone.else@gmail.com");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        // Not a partner employee: the template is not offered, and the page says why.
        await Expect(maria.GetByLabel("Start from a template")).ToBeDisabledAsync();
        await Expect(maria.GetByTestId("no-template")).ToContainTextAsync("not an employee of a partner that services this account");
        await maria.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await maria.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        await maria.GetByLabel("Email").FillAsync(DemoWorld.TwoFactorEmail);
        await maria.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await maria.GetByLabel("Start from a template").CheckAsync();
        await maria.Locator("summary", new() { HasText = "Choose a template" }).ClickAsync();
        await maria.GetByLabel("Partner Admin", new() { Exact = true }).CheckAsync();
        await Steps.ScreenshotAsync(maria, "client-create-user-template");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(maria.GetByTestId("review")).ToContainTextAsync("Partner Admin, from the template, for Brightwave Digital, on a partner seat");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(maria.GetByRole(AriaRole.Status)).ToContainTextAsync("Jonas Weber was invited as Partner Admin for Brightwave Digital, on a partner seat.");
        await Expect(Steps.Row(maria, "Jonas Weber")).ToContainTextAsync("Partner Admin");
        await Expect(Steps.Row(maria, "Jonas Weber")).ToContainTextAsync("Partner seat");

        // 2. Migration: a Super Admin who is a partner employee becomes Partner Admin (Nordic: Lars and Ava are Super Admins).
        var lars = await SignedInAsync(Personas.NordicSuperAdmin);
        await OpenSettingsAsync(lars, Personas.NordicOutdoor, "Users & Teams");
        await lars.GetByRole(AriaRole.Link, new() { Name = "Ava Patel" }).ClickAsync();
        await lars.GetByLabel("Keep billing permissions").CheckAsync();
        await lars.GetByRole(AriaRole.Button, new() { Name = "Change to Partner Admin" }).ClickAsync();
        await Expect(lars.GetByRole(AriaRole.Status)).ToContainTextAsync("Ava Patel is now Partner Admin, keeping billing permissions, on a partner seat.");
        await Expect(lars.GetByTestId("access")).ToHaveTextAsync("Partner Admin (kept billing)");
    }

    [Fact]
    public async Task Seed001_a_client_invites_a_partner_the_partner_accepts_it_and_the_client_revokes_a_partner_from_the_ledger()
    {
        // The client: Settings → Partners → Invite a partner with the partner's Hub ID; the link is shown once.
        var maria = await SignedInAsync(Personas.ClientSuperAdmin);
        await OpenSettingsAsync(maria, Personas.HarborCoffee, "Partners");
        await maria.GetByLabel("Partner's Hub ID").FillAsync($"{Personas.Crestline}");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        var link = await maria.GetByTestId("invitation-link").InputValueAsync();
        await Expect(maria.GetByRole(AriaRole.Table, new() { Name = "Invitations sent" })).ToContainTextAsync("Pending");

        // The partner: sign in, open the link (or Partner → Dashboard → Client invitations), review, Accept.
        var olivia = await SignedInAsync(Personas.OtherPartnerSuperAdmin);
        await olivia.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(olivia.GetByRole(AriaRole.Heading, new() { Name = "Pending client invitations" })).ToBeVisibleAsync();
        await Expect(olivia.GetByText("Accepting makes the client one of your clients")).ToBeVisibleAsync();
        await Steps.ScreenshotAsync(olivia, "pending-client-invitations");
        await olivia.GetByRole(AriaRole.Button, new() { Name = "Accept Harbor Coffee Roasters" }).ClickAsync();
        await Expect(olivia.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted Harbor Coffee Roasters's invitation: it is now in your client list");
        await olivia.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Expect(olivia.GetByRole(AriaRole.Table, new() { Name = "Client list" })).ToContainTextAsync("Harbor Coffee Roasters");

        // The client sees the partner, and its ledger; it revokes Brightwave whole.
        await maria.ReloadAsync();
        await Expect(maria.GetByRole(AriaRole.Table, new() { Name = "Partners" })).ToContainTextAsync("Crestline");
        await OpenSettingsAsync(maria, Personas.HarborCoffee, "Partner access");
        await Expect(Steps.Row(maria, "Ava Patel")).ToContainTextAsync("Brightwave Digital");
        await maria.GetByLabel("Partner", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Brightwave Digital" });
        await maria.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await maria.GetByRole(AriaRole.Link, new() { Name = "Revoke this partner" }).ClickAsync();
        await Expect(maria.GetByTestId("leavers")).ToContainTextAsync("Ava Patel");
        await maria.GetByLabel("Brightwave Digital loses all access to Harbor Coffee Roasters").CheckAsync();
        await maria.GetByRole(AriaRole.Button, new() { Name = "Revoke partner" }).ClickAsync();
        await Expect(maria.GetByRole(AriaRole.Status)).ToContainTextAsync("the relationship ended today");
        await Expect(maria.GetByRole(AriaRole.Table, new() { Name = "Partners" })).Not.ToContainTextAsync("Brightwave Digital");
    }
}
