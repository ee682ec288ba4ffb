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
[Collection(SecondBrowserCollection.Name)]
public sealed partial class FirstRunProcedures(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppConsole _console = new();
    private PortalFactory _app = null!;
    private Uri _address = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync()
    {
        _app = new PortalFactory(TestDatabase.FromEnvironment("browser-first-run"),
            _console.Register,
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

    private static async Task NoSeriousViolationAsync(IPage page, string state)
    {
        var serious = (await Steps.AxeAsync(page)).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{state}: {v.Id} at {v.Nodes.First().Html}").ToList();
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

    /// <summary>The link in the email delivered to <paramref name="to"/>, read from the .eml the mail pickup folder holds, as a mail client would.</summary>
    private async Task<string> LinkInDeliveredMailAsync(string to)
    {
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PartnerPortal.Web.Infrastructure.Mail.OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        var messages = Directory.GetFiles(_app.MailFolder, "*.eml").Select(path => (File.GetLastWriteTimeUtc(path), MimeKit.MimeMessage.Load(path)))
            .Where(m => m.Item2.To.Mailboxes.Any(b => b.Address == to)).OrderByDescending(m => m.Item1).ToList();
        Assert.NotEmpty(messages);
        return new Uri(Regex.Match(messages[0].Item2.TextBody ?? "", @"https?://\S+/(sign-up|welcome)/[A-Za-z0-9_-]{43}").Value).PathAndQuery;
    }

    private async Task<long> HubIdOfAsync(string name)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDb>().Accounts.Where(a => a.Name == name).Select(a => a.HubId).SingleAsync();
    }

    private static async Task SignUpAsync(IPage page, string kind, string accountName, string name, string email)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel(kind).CheckAsync();
        await page.GetByLabel("Account name").FillAsync(accountName);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
    }

    private static async Task TakeAccountAsync(IPage page, string link, string password, string? approve = null)
    {
        await page.GotoAsync(link);
        if (approve is not null) await page.GetByLabel(approve).CheckAsync();
        await page.GetByLabel("Choose a password").FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("and you are its Super Admin.");
    }

    [Fact]
    public async Task O1_O2_O3_R1_R3_R22_an_empty_installation_gets_its_operator_an_agency_and_clients_and_a_forgotten_password_is_reset()
    {
        // O1: the link on the console opens the setup form; the operator is made, and the link is gone.
        var olga = await PersonAsync();
        var setup = await _console.SetupLinkAsync();
        await olga.GotoAsync(setup);
        await NoSeriousViolationAsync(olga, "setup");
        await olga.GetByLabel("Your name").FillAsync("Olga Operator");
        await olga.GetByLabel("Email").FillAsync("olga@selfhosted.test");
        await olga.GetByLabel("Password", new() { Exact = true }).FillAsync("operator password");
        await olga.GetByLabel("Confirm password").FillAsync("operator password");
        await olga.GetByRole(AriaRole.Button, new() { Name = "Create the operator" }).ClickAsync();
        await Expect(olga.GetByRole(AriaRole.Status)).ToContainTextAsync("You run this installation now.");
        var gone = await olga.GotoAsync(setup);
        Assert.Equal(404, gone!.Status);
        await SignInAsync(olga, "olga@selfhosted.test", "operator password");
        await Expect(olga.GetByRole(AriaRole.Heading, new() { Name = "Every account on this installation" })).ToBeVisibleAsync();
        await Expect(olga.Locator("main")).ToContainTextAsync("There is no account yet");

        // O2: an agency signs up (sign-up is open here); the link in the delivered .eml makes it, with its owner as Super Admin.
        var nadia = await PersonAsync();
        await SignUpAsync(nadia, "A partner agency", "Northwind Agency", "Nadia North", "nadia@northwind.test");
        await TakeAccountAsync(nadia, await LinkInDeliveredMailAsync("nadia@northwind.test"), "nadia password");
        await SignInAsync(nadia, "nadia@northwind.test", "nadia password");
        await Expect(nadia.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        var northwind = await HubIdOfAsync("Northwind Agency");

        // A client business signs up the same way.
        var carl = await PersonAsync();
        await SignUpAsync(carl, "A client business", "Contoso Bakery", "Carl Contoso", "carl@contoso.test");
        await TakeAccountAsync(carl, await LinkInDeliveredMailAsync("carl@contoso.test"), "carl password");
        await SignInAsync(carl, "carl@contoso.test", "carl password");
        var contoso = await HubIdOfAsync("Contoso Bakery");

        // R22: the client invites the agency by its Hub ID; the agency accepts the invitation from its link.
        await carl.GotoAsync($"/{contoso}/client/partners");
        await carl.GetByLabel("Partner's Hub ID").FillAsync($"{northwind}");
        await carl.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        var invitation = await carl.GetByTestId("invitation-link").InputValueAsync();
        await nadia.GotoAsync(new Uri(invitation).PathAndQuery);
        await nadia.GetByRole(AriaRole.Button, new() { Name = "Accept Contoso Bakery" }).ClickAsync();
        await Expect(nadia.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted Contoso Bakery's invitation");

        // R1-R3: the agency's owner gets her access link; the client approves it, and she is Partner Admin there.
        await nadia.GotoAsync($"/{northwind}/partner/client-access-manager/access-link");
        var accessLink = await nadia.Locator("#access-link-url").InputValueAsync();
        await carl.GotoAsync(new Uri(accessLink).PathAndQuery);
        await carl.GetByLabel($"Contoso Bakery (Hub ID {contoso})").CheckAsync();
        await carl.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(carl.GetByRole(AriaRole.Status)).ToContainTextAsync("Nadia North now has access to Contoso Bakery as Partner Admin");

        // O2: the agency creates a second client's account from its client list; it waits as Invited.
        await nadia.GotoAsync($"/{northwind}/partner/dashboard");
        await Expect(nadia.GetByRole(AriaRole.Table, new() { Name = "Client list" })).ToContainTextAsync("Contoso Bakery");
        await nadia.GetByRole(AriaRole.Link, new() { Name = "+ Create client account" }).ClickAsync();
        var dialog = nadia.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Client account name").FillAsync("Fabrikam Florist");
        await NoSeriousViolationAsync(nadia, "create client account");
        await dialog.GetByLabel("Owner's name").FillAsync("Fiona Fabrikam");
        await dialog.GetByLabel("Owner's email").FillAsync("fiona@fabrikam.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(nadia.GetByRole(AriaRole.Status)).ToContainTextAsync("We emailed fiona@fabrikam.test a link to take Fabrikam Florist.");
        await Expect(nadia.GetByTestId("waiting-clients")).ToContainTextAsync("Fabrikam Florist · Invited");

        // Its owner takes it and approves the agency's employee as Partner Admin (R2/R3 as one more way).
        var fiona = await PersonAsync();
        var take = await LinkInDeliveredMailAsync("fiona@fabrikam.test");
        await fiona.GotoAsync(take);
        await Expect(fiona.Locator("main")).ToContainTextAsync("Nadia North (nadia@northwind.test) of the partner agency Northwind Agency created this account for you.");
        await NoSeriousViolationAsync(fiona, "take a partner-created account");
        await TakeAccountAsync(fiona, take, "fiona password", approve: "Approve: Nadia North becomes Partner Admin");
        await Expect(fiona.GetByRole(AriaRole.Status)).ToContainTextAsync("Nadia North of Northwind Agency is Partner Admin in it.");
        await nadia.ReloadAsync();
        await Expect(nadia.Locator("tbody tr", new() { HasText = "Fabrikam Florist" })).ToContainTextAsync("Active");
        await Expect(nadia.GetByTestId("waiting-clients")).ToHaveCountAsync(0);

        // The operator sees the three accounts.
        await olga.ReloadAsync();
        await Expect(olga.GetByRole(AriaRole.Table, new() { Name = "Every account" }).Locator("tbody tr")).ToHaveCountAsync(3);

        // O3: the owner forgets the password: Forgot password? on sign-in, the emailed link, a new password, signed in.
        var forgetful = await PersonAsync();
        await forgetful.GotoAsync("/sign-in");
        await forgetful.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await forgetful.GetByLabel("Email").FillAsync("fiona@fabrikam.test");
        await forgetful.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(forgetful.GetByRole(AriaRole.Status)).ToContainTextAsync("a link to choose a new password is on its way");
        await forgetful.GotoAsync(await LinkInDeliveredMailAsync("fiona@fabrikam.test"));
        await forgetful.GetByLabel("New password").FillAsync("fiona's new password");
        await forgetful.GetByLabel("Confirm password").FillAsync("fiona's new password");
        await forgetful.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await SignInAsync(forgetful, "fiona@fabrikam.test", "fiona's new password");
        await Expect(forgetful.Locator("main")).ToContainTextAsync("Fabrikam Florist");
    }
}
