using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>Steps the seed procedures share, by visible labels.</summary>
internal static class Steps
{
    /// <summary>
    /// axe-core on the state the person sees: no transition half-way (a dialog fading in has every colour washed out), no
    /// hover. Every rule runs; only violations come back node by node (passes and the rest are truncated to one node a rule,
    /// which is most of axe's time on a long page otherwise).
    /// </summary>
    public static async Task<AxeResult> AxeAsync(IPage page)
    {
        await page.Mouse.MoveAsync(1, 1);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        // axe-core's own entry point, in the page: injected once per document (the states of a page that a dialog or a menu
        // opens share it), every rule, violations node by node. The package's RunAxe injected the 550 KB engine afresh on
        // each call and opened a second page to put its partial results together: two thirds of the sweep's time, for the
        // same rules over the same document (the app has no frames for that to matter).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
            await page.EvaluateAsync($"() => {{ {AxeSource} }}");
        var json = await page.EvaluateAsync<string>("async () => JSON.stringify(await window.axe.run(document, { resultTypes: ['violations'] }))");
        return new AxeResult(Newtonsoft.Json.Linq.JObject.Parse(json));
    }

    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Personas.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in: Sign out is in the top bar (behind the Menu button on a phone).
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })).ToHaveCountAsync(1);
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
        // scripts/screenshots.sh sets this to docs/images, so that the README's pictures are the product as the tests see it.
        if (Environment.GetEnvironmentVariable("PARTNERPORTAL_DOCS_IMAGES") is { Length: > 0 } docs && DocumentedScreens.Contains(name))
        {
            await page.Mouse.MoveAsync(1, 1);
            await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
            await page.ScreenshotAsync(new() { Path = Path.Combine(docs, name + ".png") });
        }
    }

    /// <summary>The screens the README shows.</summary>
    private static readonly HashSet<string> DocumentedScreens =
        ["client-access-manager-clients", "add-employees-panel", "access-link-approved", "get-access-link-dialog", "phone-clients", "phone-add-employees"];
}
