using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>Steps the seed procedures share, by visible labels.</summary>
internal static class Steps
{
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Personas.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>"In your Partner account, navigate to Partner &gt; Client Access Manager."</summary>
    public static async Task OpenClientAccessManagerAsync(IPage page)
    {
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Partner", Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Client Access Manager" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Client Access Manager" })).ToBeVisibleAsync();
    }

    public static ILocator Row(IPage page, string text) => page.Locator("tbody tr", new() { HasText = text });

    /// <summary>"Click the Actions dropdown menu and select …" on one row.</summary>
    public static async Task RowActionAsync(IPage page, string rowText, string action)
    {
        await Row(page, rowText).GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
        await Row(page, rowText).GetByRole(AriaRole.Link, new() { Name = action }).ClickAsync();
    }

    public static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
