using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// The Content-Security-Policy (no inline script or style) as Chromium enforces it: the dialogs,
/// panels and menus of the Client Access Manager work, and nothing is blocked on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityPolicyProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dialogs_panels_and_menus_work_under_the_content_security_policy_and_nothing_is_blocked()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await Steps.SignInAsync(page, Personas.PartnerSuperAdmin);
        await Steps.OpenClientAccessManagerAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Get access link" }).ClickAsync();
        await Expect(Steps.Dialog(page).GetByRole(AriaRole.Heading, new() { Name = "Your access link" })).ToBeVisibleAsync();
        await Expect(Steps.Dialog(page)).ToBeFocusedAsync(); // shown: focus has moved into the dialog
        await page.Keyboard.PressAsync("Escape"); // a keyboard user closes the dialog
        await Expect(Steps.Dialog(page)).ToBeHiddenAsync();
        await Steps.RowActionAsync(page, "Harbor Coffee Roasters", "Add employees");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add employees to Harbor Coffee Roasters" })).ToBeVisibleAsync();
        await page.GotoAsync($"/{Personas.Brightwave}/partner/client-access-manager/clients/{Personas.HarborCoffee}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove partner employee" }).ClickAsync();
        await Expect(page.GetByText("Select at least one to remove.")).ToBeVisibleAsync();
        await page.GotoAsync($"/access/{Guid.NewGuid():N}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This access link isn't valid" })).ToBeVisibleAsync();

        var response = await page.GotoAsync($"/{Personas.Brightwave}/home");
        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(problems, p => !p.Contains("404", StringComparison.Ordinal)); // the invalid link's 404 is expected
    }
}
