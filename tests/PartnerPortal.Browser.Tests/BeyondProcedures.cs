using PartnerPortal.Domain;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// The beyond-features clicked through: an end date set on access (B3), a review of stale access (B5), the trail that records
/// it (B1) and the notifications that tell of it (B6).
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class BeyondProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task B3_B1_a_client_sets_an_end_date_on_its_ledger_and_reads_it_in_its_audit_trail()
    {
        var maria = await browser.NewPageAsync();
        await Steps.SignInAsync(maria, Personas.ClientSuperAdmin);
        await maria.GotoAsync($"/{Personas.HarborCoffee}/client/partner-access");
        var day = DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var emma = Steps.Row(maria, "Emma Schmidt");
        await emma.GetByLabel("Access of Emma Schmidt ends on").FillAsync(day);
        await emma.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Expect(maria.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Expect(Steps.Row(maria, "Emma Schmidt").GetByLabel("Access of Emma Schmidt ends on")).ToHaveValueAsync(day);

        await maria.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await maria.GetByLabel("Action").FillAsync(AuditActions.EndDateSet);
        await maria.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(Steps.Row(maria, "emma.schmidt.design@gmail.com")).ToContainTextAsync(AuditActions.EndDateSet);
        await Expect(Steps.Row(maria, "emma.schmidt.design@gmail.com")).ToContainTextAsync(Personas.ClientSuperAdmin);
        await Steps.ScreenshotAsync(maria, "client-audit-trail");
    }

    [Fact]
    public async Task B5_B6_a_partner_admin_reviews_stale_access_keeps_one_with_a_reason_and_the_client_admin_reads_it_and_the_notification()
    {
        var ava = await browser.NewPageAsync();
        await Steps.SignInAsync(ava, Personas.PartnerSuperAdmin);
        await ava.GotoAsync($"/{Personas.Brightwave}/partner/dashboard");
        await ava.GetByRole(AriaRole.Link, new() { Name = "Access reviews" }).ClickAsync();
        // The demo's access is 90 days old: a 30-day period makes some of it stale.
        await ava.GetByLabel("Stale after (days without activity)").FillAsync("30");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("stale after 30 days");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Start a review" }).ClickAsync();
        await Expect(ava.GetByTestId("open-review")).ToContainTextAsync("Started");
        var row = ava.Locator("tbody tr[data-access]").First;
        var who = (await row.Locator("td").Nth(1).InnerTextAsync()).Split('\n')[0].Trim();
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await ava.GetByLabel("Reason").FillAsync("Still on the account plan");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Keep ticked" }).ClickAsync();
        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("Kept 1 access");
        await Expect(ava.GetByTestId("open-review")).ToContainTextAsync("1 kept, 0 removed");
        await Steps.ScreenshotAsync(ava, "access-review");

        // The partner's trail has it too.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(ava.Locator("tbody tr", new() { HasText = AuditActions.AccessKeptAfterReview }).First).ToContainTextAsync("Still on the account plan");
        Assert.False(string.IsNullOrEmpty(who));
    }

    [Fact]
    public async Task B6_a_partner_reads_a_notification_from_the_bell_and_opening_it_takes_them_to_the_thing()
    {
        // A client invites Brightwave: its Super Admins and Client access managers are told.
        var maria = await browser.NewPageAsync();
        await Steps.SignInAsync(maria, Personas.NordicSuperAdmin);
        await maria.GotoAsync($"/{Personas.NordicOutdoor}/client/partners");
        await maria.GetByLabel("Partner's Hub ID").FillAsync($"{Personas.Crestline}");
        await maria.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();

        var olivia = await browser.NewPageAsync();
        await Steps.SignInAsync(olivia, Personas.OtherPartnerSuperAdmin);
        var bell = olivia.GetByTestId("bell");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, 1 unread");
        await bell.ClickAsync();
        await Expect(olivia.GetByRole(AriaRole.Heading, new() { Name = "Notifications" })).ToBeVisibleAsync();
        await Steps.ScreenshotAsync(olivia, "notifications");
        await olivia.GetByRole(AriaRole.Button, new() { Name = "Nordic Outdoor Gear invites Crestline" }).ClickAsync();
        await Expect(olivia).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/partner/client-invitations"));
        await Expect(olivia.GetByTestId("bell")).ToHaveAttributeAsync("aria-label", "Notifications, none unread");

        // Email preferences: the security kinds cannot be turned off.
        await olivia.GotoAsync("/notifications/preferences");
        await Expect(olivia.GetByLabel("Access revoked")).ToBeDisabledAsync();
        await olivia.GetByLabel("Partner invitations", new() { Exact = true }).UncheckAsync();
        await olivia.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();
        await Expect(olivia.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email preferences are saved");
        await Expect(olivia.GetByLabel("Partner invitations", new() { Exact = true })).Not.ToBeCheckedAsync();
    }
}
