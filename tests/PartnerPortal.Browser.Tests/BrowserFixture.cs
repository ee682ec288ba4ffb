using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerPortal.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Testing;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// The real app listening on a loopback port, over a seeded SQLite database, and Debian's Chromium
/// driven by Playwright (its own browser download cannot work here: ENVIRONMENT.md).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private PortalFactory _factory = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder =>
        Environment.GetEnvironmentVariable("PARTNERPORTAL_BROWSER_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath}: install it with 'apt-get install -y chromium' (scripts/test.sh does).");

        // Chromium reaches the app over plain HTTP on loopback, so cookies cannot be HTTPS-only here.
        _factory = new PortalFactory(TestDatabase.FromEnvironment("browser"), settings: new Dictionary<string, string> { ["Security:HttpsOnly"] = "false" });
        _factory.UseKestrel(0);
        _factory.StartServer();
        await _factory.Database.SnapshotAsync();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public Task ResetAsync() => _factory.Database.ResetAsync();

    /// <summary>The current token of a partner employee's access link, as its owner would copy it.</summary>
    public async Task<string> AccessLinkTokenAsync(string email, long partnerHubId = Personas.Brightwave)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var link = await db.AccessLinks.Join(db.DomainUsers.Where(u => u.Email == email), l => l.EmployeeUserId, u => u.Id, (l, _) => l)
            .SingleAsync(l => l.PartnerHubId == partnerHubId);
        return scope.ServiceProvider.GetRequiredService<AccessLinkTokens>().Unseal(link) ?? throw new InvalidOperationException("The link cannot be unsealed.");
    }

    /// <summary>A demo user's id, for addresses that name one.</summary>
    public async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDb>().DomainUsers.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The last email queued to <paramref name="to"/>, as the person would read it.</summary>
    public async Task<string> LastMailToAsync(string to)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        return (await db.Outbox.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstAsync()).Body;
    }

    /// <summary>A desktop browser window.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(1280, 800);

    /// <summary>A phone: 390 × 844 CSS pixels, touch, as an iPhone 12–15 reports itself.</summary>
    public Task<IPage> NewPhonePageAsync() => NewPageAsync(390, 844, phone: true);

    public async Task<IPage> NewPageAsync(int width, int height, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            Permissions = ["clipboard-read", "clipboard-write"], // Copy link uses the real clipboard
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        await _factory.Database.DisposeAsync();
    }
}

/// <summary>
/// The procedures run in two collections at once, each with an app, a database and a Chromium of its own (issue 24: the
/// two accessibility sweeps, at desktop width and on a phone, were three minutes one after the other). A new class goes
/// in either; the pair is balanced by the time the classes take (docs/testing.md).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser, second";
}
