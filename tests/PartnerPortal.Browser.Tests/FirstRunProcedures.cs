using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Operations;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// O1–O3 in a browser, from an empty database without the demo, as a self-hoster and the people they let in meet it: the
/// setup link the app printed, the operator, the agency the operator invites, the client account the agency creates and
/// whose owner approves it, and the owner's forgotten password. Its own app (the demo's is not empty); the suite's Chromium.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstRunProcedures(BrowserFixture browser) : IAsyncLifetime
{
    private readonly StringWriter _console = new();
    private PortalFactory _app = null!;
    private Uri _address = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync()
    {
        _app = new PortalFactory(TestDatabase.FromEnvironment("browser-first-run"),
            services => services.AddSingleton(new FirstRun.Console(TextWriter.Synchronized(_console))),
            new Dictionary<string, string> { ["DemoData:Seed"] = "false", ["SignUp:Mode"] = "Open", ["Security:HttpsOnly"] = "false" });
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    /// <summary>Someone at their own desk: a browser of their own (cookies and all).</summary>
    private async Task<IPage> PersonAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    [GeneratedRegex(@"/setup/[A-Za-z0-9_-]{43}")]
    private static partial Regex SetupLink();

    [GeneratedRegex(@"/(sign-up|welcome)/[A-Za-z0-9_-]{43}")]
    private static partial Regex EmailedLink();

    private async Task<string> SetupLinkAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (SetupLink().Match(_console.ToString()) is { Success: true } found) return found.Value;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("No setup link on the console: " + _console);
    }

    private async Task<string> LinkMailedToAsync(string to)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        return EmailedLink().Match((await db.Outbox.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstAsync()).Body).Value;
    }

    private static async Task NoSeriousViolationAsync(IPage page, string state)
    {
        await page.Mouse.MoveAsync(1, 1);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{state}: {v.Id} at {v.Nodes.First().Html}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task O1_O2_O3_an_empty_installation_gets_its_operator_an_agency_a_client_the_agency_created_and_a_reset_password()
    {
        // O1: the link on the console opens the setup form; the operator is made, and the link is gone.
        var olga = await PersonAsync();
        var setup = await SetupLinkAsync();
        await olga.GotoAsync(setup);
        await NoSeriousViolationAsync(olga, "setup");
        await olga.GetByLabel("Your name").FillAsync("Olga Operator");
        await olga.GetByLabel("Email").FillAsync("olga@selfhosted.test");
        await olga.GetByLabel("Password", new() { Exact = true }).FillAsync("operator password");
        await olga.GetByLabel("Confirm password").FillAsync("operator password");
        await olga.GetByRole(AriaRole.Button, new() { Name = "Create the operator" }).ClickAsync();
        await Expect(olga.Locator("main")).ToContainTextAsync("You run this installation now.");
        var gone = await olga.GotoAsync(setup);
        Assert.Equal(404, gone!.Status);

        // The operator signs in, lands on every account (none), and invites the first agency's owner.
        await SignInAsync(olga, "olga@selfhosted.test", "operator password");
        await Expect(olga.GetByRole(AriaRole.Heading, new() { Name = "Every account on this installation" })).ToBeVisibleAsync();
        await Expect(olga.Locator("main")).ToContainTextAsync("There is no account yet");
        await olga.GetByLabel("A partner agency").CheckAsync();
        await olga.GetByLabel("Account name").FillAsync("Northwind Agency");
        await olga.GetByLabel("Owner's name").FillAsync("Nadia North");
        await olga.GetByLabel("Owner's email").FillAsync("nadia@northwind.test");
        await olga.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(olga.GetByRole(AriaRole.Status)).ToContainTextAsync("We emailed nadia@northwind.test a link to take the partner agency account Northwind Agency");

        // O2: the owner's emailed link: a password, and the agency exists with her as its Super Admin.
        var nadia = await PersonAsync();
        await nadia.GotoAsync(await LinkMailedToAsync("nadia@northwind.test"));
        await Expect(nadia.Locator("main")).ToContainTextAsync("You will be the Super Admin of the new partner agency account Northwind Agency");
        await nadia.GetByLabel("Choose a password").FillAsync("nadia password");
        await nadia.GetByLabel("Confirm password").FillAsync("nadia password");
        await nadia.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Expect(nadia.GetByRole(AriaRole.Status)).ToContainTextAsync("Northwind Agency is ready");
        await SignInAsync(nadia, "nadia@northwind.test", "nadia password");
        await Expect(nadia.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        // O2: the agency creates its first client's account from the client list; it waits as Invited.
        await nadia.GetByRole(AriaRole.Link, new() { Name = "+ Create client account" }).ClickAsync();
        var dialog = nadia.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Client account name").FillAsync("Contoso Bakery");
        await NoSeriousViolationAsync(nadia, "create client account");
        await dialog.GetByLabel("Owner's name").FillAsync("Carl Contoso");
        await dialog.GetByLabel("Owner's email").FillAsync("carl@contoso.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(nadia.GetByRole(AriaRole.Status)).ToContainTextAsync("We emailed carl@contoso.test a link to take Contoso Bakery.");
        await Expect(nadia.GetByTestId("waiting-clients")).ToContainTextAsync("Contoso Bakery · Invited");

        // The client's owner takes it and approves the agency's employee as Partner Admin (R2/R3).
        var carl = await PersonAsync();
        await carl.GotoAsync(await LinkMailedToAsync("carl@contoso.test"));
        await Expect(carl.Locator("main")).ToContainTextAsync("Nadia North (nadia@northwind.test) of the partner agency Northwind Agency created this account for you.");
        await NoSeriousViolationAsync(carl, "take a partner-created account");
        await carl.GetByLabel("Approve: Nadia North becomes Partner Admin").CheckAsync();
        await carl.GetByLabel("Choose a password").FillAsync("carl password");
        await carl.GetByLabel("Confirm password").FillAsync("carl password");
        await carl.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Expect(carl.GetByRole(AriaRole.Status)).ToContainTextAsync("Nadia North of Northwind Agency is Partner Admin in it.");

        // The agency's client list has it now, Active.
        await nadia.ReloadAsync();
        await Expect(nadia.Locator("tbody tr", new() { HasText = "Contoso Bakery" })).ToContainTextAsync("Active");
        await Expect(nadia.GetByTestId("waiting-clients")).ToHaveCountAsync(0);

        // O3: the owner forgets the password: Forgot password? on sign-in, the emailed link, a new password, signed in.
        await carl.GotoAsync("/sign-in");
        await carl.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await carl.GetByLabel("Email").FillAsync("carl@contoso.test");
        await carl.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(carl.Locator("main")).ToContainTextAsync("a link to choose a new password is on its way");
        await carl.GotoAsync(await LinkMailedToAsync("carl@contoso.test"));
        await carl.GetByLabel("New password").FillAsync("carl's new password");
        await carl.GetByLabel("Confirm password").FillAsync("carl's new password");
        await carl.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await SignInAsync(carl, "carl@contoso.test", "carl's new password");
        await Expect(carl.Locator("main")).ToContainTextAsync("Contoso Bakery");
    }
}
