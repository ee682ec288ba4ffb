using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// O1/O2 from an empty database without the demo: the setup link the app printed, the operator it makes, and the first
/// accounts — one the operator creates for its owner, one a client signs up for itself — as a self-hoster meets them.
/// </summary>
public sealed partial class FirstRunTests : IAsyncLifetime
{
    private readonly AppConsole _console = new();
    private PortalFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new PortalFactory(TestDatabase.FromEnvironment("first-run"),
            _console.Register,
            new Dictionary<string, string> { ["DemoData:Seed"] = "false", ["SignUp:Mode"] = "Open" });
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    [GeneratedRegex(@"/sign-up/[A-Za-z0-9_-]{43}")]
    private static partial Regex SignUpLink();

    private async Task<T> InDbAsync<T>(Func<PortalDb, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    private Task<string> LinkMailedToAsync(string email, Regex link) => InDbAsync(async db =>
        link.Match((await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).FirstAsync()).Body).Value);

    private static Dictionary<string, string> Person(string name, string email, string password) => new()
    {
        ["Data.Name"] = name, ["Data.Email"] = email, ["Data.Password"] = password, ["Data.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task O1_O2_a_newcomer_sets_up_an_empty_installation_and_its_first_accounts_come_into_being()
    {
        // O1: the console has the link; nothing else opens the page, and the link shows the form.
        var setup = await _console.SetupLinkAsync();
        using var browser = new BrowserLikeClient(_app);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetPageAsync("/setup/" + new string('A', 43))).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetPageAsync(setup)).Status);
        // A wrong form changes nothing and keeps the link working.
        using (var wrong = await browser.SubmitFormAsync(setup, Person("Olga Operator", "olga@selfhosted.test", "short")))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("A password has at least 8 characters.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(wrong)), StringComparison.Ordinal);
        }
        using (var made = await browser.SubmitFormAsync(setup, Person("Olga Operator", "Olga@SelfHosted.test", "operator password")))
        {
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
            var (_, signIn) = await browser.GetPageAsync(BrowserLikeClient.LocationOf(made));
            Assert.Contains("You run this installation now. Sign in as olga@selfhosted.test", BrowserLikeClient.MainText(signIn), StringComparison.Ordinal);
        }
        // Used: the link and the page are gone.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetPageAsync(setup)).Status);
        using (var replay = await browser.PostRawAsync(setup, [.. Person("Mallory", "mallory@selfhosted.test", "mallory password"), new("__RequestVerificationToken", await TokenAsync(browser))]))
            Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(1, await InDbAsync(db => db.DomainUsers.CountAsync()));

        // The operator lands on every account (none yet), and creates the first agency for its owner (sign-up is open here too).
        using var olga = new BrowserLikeClient(_app);
        await olga.SignInAsync("olga@selfhosted.test", "operator password");
        using (var home = await olga.GetAsync("/"))
            Assert.Equal("/operator/accounts", BrowserLikeClient.LocationOf(home));
        var (_, empty) = await olga.GetPageAsync("/operator/accounts");
        Assert.Contains("There is no account yet", BrowserLikeClient.MainText(empty), StringComparison.Ordinal);
        using (var invited = await olga.SubmitFormAsync("/operator/accounts", new Dictionary<string, string>
               {
                   ["Data.Kind"] = "Partner", ["Data.AccountName"] = "Northwind Agency", ["Data.OwnerName"] = "Nadia North", ["Data.Email"] = "nadia@northwind.test",
               }, "main form[action*=Invite]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
            var (_, listed) = await olga.GetPageAsync(BrowserLikeClient.LocationOf(invited));
            Assert.Contains("We emailed nadia@northwind.test a link to take the partner agency account Northwind Agency", BrowserLikeClient.MainText(listed), StringComparison.Ordinal);
        }
        Assert.Equal(0, await InDbAsync(db => db.Accounts.CountAsync())); // nothing exists until the owner takes it

        // The owner's link: confirm, choose a password, and the agency exists with her as its Super Admin and partner employee.
        var take = await LinkMailedToAsync("nadia@northwind.test", SignUpLink());
        using var nadia = new BrowserLikeClient(_app);
        var (_, form) = await nadia.GetPageAsync(take);
        Assert.Contains("You will be the Super Admin of the new partner agency account Northwind Agency", BrowserLikeClient.MainText(form), StringComparison.Ordinal);
        using (var taken = await nadia.SubmitFormAsync(take, new Dictionary<string, string> { ["Data.Password"] = "nadia password", ["Data.ConfirmPassword"] = "nadia password" }))
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var agency = await InDbAsync(db => db.Accounts.Include(a => a.Memberships).SingleAsync());
        Assert.Equal(("Northwind Agency", AccountKind.Partner), (agency.Name, agency.Kind));
        Assert.InRange(agency.HubId, Account.FirstHubId, Account.LastHubId);
        var founder = Assert.Single(agency.Memberships);
        Assert.True(founder.IsSuperAdmin);
        Assert.True(founder.IsPartnerEmployee);
        Assert.True(await InDbAsync(db => db.AccessLinks.AnyAsync(l => l.PartnerHubId == agency.HubId && l.EmployeeUserId == founder.UserId))); // R1: her access link
        Assert.Equal(HttpStatusCode.NotFound, (await nadia.GetPageAsync(take)).Status); // the link worked once
        await nadia.SignInAsync("nadia@northwind.test", "nadia password");
        Assert.Equal(HttpStatusCode.OK, (await nadia.GetPageAsync($"/{agency.HubId}/partner/dashboard")).Status);

        // A client signs up for itself from the sign-in page; the same form again at once sends nothing more.
        using var visitor = new BrowserLikeClient(_app);
        var (_, signInPage) = await visitor.GetPageAsync("/sign-in");
        Assert.NotNull(signInPage.QuerySelector("a[href='/sign-up']"));
        var clientForm = new Dictionary<string, string>
        {
            ["Data.Kind"] = "Client", ["Data.AccountName"] = "Contoso Bakery", ["Data.Name"] = "Carl Contoso", ["Data.Email"] = "carl@contoso.test",
        };
        foreach (var _ in new[] { 1, 2 })
        {
            using var sent = await visitor.SubmitFormAsync("/sign-up", clientForm);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Contains("Check your inbox: we sent a link to carl@contoso.test", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(sent)), StringComparison.Ordinal);
        }
        Assert.Equal(1, await InDbAsync(db => db.Outbox.CountAsync(m => m.To == "carl@contoso.test")));
        var verify = await LinkMailedToAsync("carl@contoso.test", SignUpLink());
        using (var done = await visitor.SubmitFormAsync(verify, new Dictionary<string, string> { ["Data.Password"] = "carl password", ["Data.ConfirmPassword"] = "carl password" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            var (_, signedUp) = await visitor.GetPageAsync(BrowserLikeClient.LocationOf(done));
            Assert.Matches(@"Contoso Bakery is ready \(Hub ID \d{8}\), and you are its Super Admin\.", BrowserLikeClient.MainText(signedUp));
        }
        var client = await InDbAsync(db => db.Accounts.Include(a => a.Memberships).SingleAsync(a => a.Name == "Contoso Bakery"));
        Assert.Equal(AccountKind.Client, client.Kind);
        Assert.True(Assert.Single(client.Memberships).IsSuperAdmin);

        // The operator suspends the client: its Super Admin cannot act in it, and is told why; reactivated, they can again.
        await visitor.SignInAsync("carl@contoso.test", "carl password");
        var clientHome = $"/{client.HubId}/home";
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetPageAsync(clientHome)).Status);
        using (var suspended = await olga.SubmitFormAsync($"/operator/accounts?q={client.HubId}", new Dictionary<string, string>(), $"main form[action*=Suspend]"))
            Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        var (locked, lockedPage) = await visitor.GetPageAsync(clientHome);
        Assert.Equal((HttpStatusCode)423, locked);
        Assert.Contains("This account is suspended", BrowserLikeClient.MainText(lockedPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await nadia.GetPageAsync($"/{agency.HubId}/partner/dashboard")).Status); // another account is not touched
        using (var back = await olga.SubmitFormAsync($"/operator/accounts?q={client.HubId}", new Dictionary<string, string>(), $"main form[action*=Reactivate]"))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetPageAsync(clientHome)).Status);
        Assert.Equal(1, await InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == client.HubId))); // nothing was deleted
        var trail = await InDbAsync(db => db.AuditEntries.Where(e => e.AccountHubId == client.HubId).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.AccountSuspended, trail);
        Assert.Contains(AuditActions.AccountReactivated, trail);
    }

    [Fact]
    public async Task O2_fifty_owners_taking_their_accounts_at_once_get_fifty_different_Hub_IDs()
    {
        // Fifty sign-ups (at once: each is answered no sooner than the even-timing floor), then fifty owners at once.
        var links = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var visitor = new BrowserLikeClient(_app);
            using var sent = await visitor.SubmitFormAsync("/sign-up", new Dictionary<string, string>
            {
                ["Data.Kind"] = i % 2 == 0 ? "Partner" : "Client", ["Data.AccountName"] = $"Race {i:00}", ["Data.Name"] = $"Owner {i:00}", ["Data.Email"] = $"owner{i:00}@race.test",
            });
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            return await LinkMailedToAsync($"owner{i:00}@race.test", SignUpLink());
        }));
        var browsers = links.Select(_ => new BrowserLikeClient(_app)).ToList();
        var tokens = await Task.WhenAll(browsers.Select((b, i) => FormTokenAsync(b, links[i])));

        var answers = await Task.WhenAll(browsers.Select((b, i) => b.PostRawAsync(links[i],
            [new("Data.Password", "race password"), new("Data.ConfirmPassword", "race password"), new("__RequestVerificationToken", tokens[i])])));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var made = await InDbAsync(db => db.Accounts.Where(a => a.Name.StartsWith("Race ")).Select(a => a.HubId).ToListAsync());
        Assert.Equal(50, made.Distinct().Count());
        foreach (var b in browsers) b.Dispose();
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task O2_fifty_posts_of_one_sign_up_make_one_sign_up_and_one_email_and_a_known_address_is_answered_alike()
    {
        // Someone who signs in already (the operator here) and a stranger get the same page.
        await MakeOperatorAsync("sam@selfhosted.test", "operator password");
        var pages = new List<string>();
        foreach (var email in new[] { "sam@selfhosted.test", "stranger@selfhosted.test" })
        {
            using var visitor = new BrowserLikeClient(_app);
            using var sent = await visitor.SubmitFormAsync("/sign-up", SignUpForm("Client", "Same Answer Co", "Someone", email));
            pages.Add(BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(sent)).Replace(email, "EMAIL", StringComparison.Ordinal));
        }
        Assert.Equal(pages[0], pages[1]);

        var browsers = Enumerable.Range(0, 50).Select(_ => new BrowserLikeClient(_app)).ToList();
        var tokens = await Task.WhenAll(browsers.Select(b => FormTokenAsync(b, "/sign-up")));
        var answers = await Task.WhenAll(browsers.Select((b, i) => b.PostRawAsync("/sign-up",
            [.. SignUpForm("Partner", "Fifty Agency", "Fifi Fifty", "fifi@fifty.test"), new("__RequestVerificationToken", tokens[i])])));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await InDbAsync(db => db.AccountSignUps.CountAsync(s => s.Email == "fifi@fifty.test")));
        Assert.Equal(1, await InDbAsync(db => db.Outbox.CountAsync(m => m.To == "fifi@fifty.test")));
        foreach (var b in browsers) b.Dispose();
        foreach (var a in answers) a.Dispose();

        // Someone who signs in already proves it with their password, not a new one; a wrong one is refused and makes nothing.
        var link = await LinkMailedToAsync("sam@selfhosted.test", SignUpLink());
        using var sam = new BrowserLikeClient(_app);
        var (_, form) = await sam.GetPageAsync(link);
        Assert.NotNull(form.QuerySelector("input[name='Data.Password'][autocomplete=current-password]"));
        Assert.Null(form.QuerySelector("input[name='Data.ConfirmPassword']"));
        using (var wrong = await sam.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "not my password" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That is not the password of this address.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(wrong)), StringComparison.Ordinal);
        }
        Assert.Equal(0, await InDbAsync(db => db.Accounts.CountAsync()));
        using (var right = await sam.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "operator password" }))
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var joined = await InDbAsync(db => db.Memberships.Where(m => m.UserEmail == "sam@selfhosted.test").Select(m => new { m.AccountName, m.AccessType }).SingleAsync());
        Assert.Equal(("Same Answer Co", AccessType.SuperAdmin), (joined.AccountName, joined.AccessType));
    }

    [Fact]
    public async Task O2_the_operator_inviting_an_address_again_corrects_the_open_invitation_and_only_the_new_link_works()
    {
        await MakeOperatorAsync("sam@selfhosted.test", "operator password");
        using var sam = new BrowserLikeClient(_app);
        await sam.SignInAsync("sam@selfhosted.test", "operator password");
        string? first = null;
        foreach (var name in new[] { "Typo Agnecy", "Typo Agency" })
        {
            using var invited = await sam.SubmitFormAsync("/operator/accounts", new Dictionary<string, string>
            {
                ["Data.Kind"] = "Partner", ["Data.AccountName"] = name, ["Data.OwnerName"] = "Tia Typo", ["Data.Email"] = "tia@typo.test",
            }, "main form[action*=Invite]");
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
            first ??= await LinkMailedToAsync("tia@typo.test", SignUpLink());
        }

        var open = await InDbAsync(db => db.AccountSignUps.SingleAsync(s => s.Email == "tia@typo.test"));
        Assert.Equal("Typo Agency", open.AccountName);
        Assert.Equal(2, await InDbAsync(db => db.Outbox.CountAsync(m => m.To == "tia@typo.test")));
        using var tia = new BrowserLikeClient(_app);
        Assert.Equal(HttpStatusCode.NotFound, (await tia.GetPageAsync(first!)).Status); // the first link works no more
        var (status, page) = await tia.GetPageAsync(await LinkMailedToAsync("tia@typo.test", SignUpLink()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Typo Agency", BrowserLikeClient.MainText(page), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> SignUpForm(string kind, string account, string name, string email) => new()
    {
        ["Data.Kind"] = kind, ["Data.AccountName"] = account, ["Data.Name"] = name, ["Data.Email"] = email,
    };

    private async Task MakeOperatorAsync(string email, string password)
    {
        using var browser = new BrowserLikeClient(_app);
        using var made = await browser.SubmitFormAsync(await _console.SetupLinkAsync(), Person("Sam Operator", email, password));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
    }

    private static async Task<string> FormTokenAsync(BrowserLikeClient browser, string url)
    {
        var (_, page) = await browser.GetPageAsync(url);
        return page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static async Task<string> TokenAsync(BrowserLikeClient browser) => await FormTokenAsync(browser, "/sign-in");
}
