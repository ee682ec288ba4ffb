using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>An app of its own with small limits and a window longer than the test (the shared app's limits are out of reach).</summary>
public sealed class LimitedPortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(TestDatabase.FromEnvironment("limits"), settings: new Dictionary<string, string>
        {
            ["RateLimits:SignInPerAddress"] = "7", // the fixture's own sign-in below is the first
            ["RateLimits:SignInPerAccount"] = "3",
            ["RateLimits:AccessLinkPerAddress"] = "3",
            ["RateLimits:ExportsPerAddress"] = "3",
            ["RateLimits:ApiPerToken"] = "3",
            ["RateLimits:AddressWindow"] = "01:00:00",
            ["RateLimits:AccountWindow"] = "01:00:00",
        });
        Factory.StartServer();
        // Signed in once, before any test spends this address's sign-in budget: the export test goes on from these cookies.
        using var maria = new BrowserLikeClient(Factory, ClientSuperAdminCookies);
        await maria.SignInAsync(Personas.ClientSuperAdmin);
    }

    public System.Net.CookieContainer ClientSuperAdminCookies { get; } = new();

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}

public sealed class RateLimitTests(LimitedPortalFixture app) : IClassFixture<LimitedPortalFixture>
{
    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var page = await BrowserLikeClient.ParseAsync(response);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("then try again", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_account_from_any_address_and_per_client_address()
    {
        using var client = new BrowserLikeClient(app.Factory);
        async Task<HttpResponseMessage> TryAsync(string email) =>
            await client.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = "wrong-password" });

        for (var i = 0; i < 3; i++)
            using (var allowed = await TryAsync(Personas.ClientUser)) Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using (var fourthForOneAccount = await TryAsync(Personas.ClientUser)) await AssertTooManyAsync(fourthForOneAccount);
        using (var otherAccount = await TryAsync(Personas.ClientSuperAdmin)) Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        using (var sixth = await TryAsync(Personas.PlainPartnerEmployee)) Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        using (var seventhFromThisAddress = await TryAsync(Personas.PartnerEmployeeManager)) await AssertTooManyAsync(seventhFromThisAddress);
        using var page = await client.GetAsync("/sign-in"); // reading the page is never limited
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task B8_the_api_is_limited_per_token_with_retry_after_in_a_problem()
    {
        async Task<string> TokenAsync(string name)
        {
            using var scope = app.Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var userId = await db.DomainUsers.Where(u => u.Email == Personas.ClientSuperAdmin).Select(u => u.Id).SingleAsync();
            var (token, secret) = ApiToken.Issue(userId, Personas.HarborCoffee, name, ApiScopes.Read, 30, DateTimeOffset.UtcNow);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            return secret;
        }
        HttpClient ApiWith(string secret)
        {
            var http = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = BrowserLikeClient.BaseAddress });
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            return http;
        }
        using var first = ApiWith(await TokenAsync("Busy script"));
        for (var i = 0; i < 3; i++)
            using (var allowed = await first.GetAsync(new Uri("/api/v1/me", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using (var fourth = await first.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
            Assert.InRange(int.Parse(fourth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
            Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        }
        // Another token has a budget of its own.
        using var second = ApiWith(await TokenAsync("Quiet script"));
        using var other = await second.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Access_links_are_limited_per_client_address_opened_or_approved()
    {
        using var visitor = new BrowserLikeClient(app.Factory);

        for (var i = 0; i < 3; i++)
            using (var guess = await visitor.GetAsync($"/access/guess-{i}-{Guid.NewGuid():N}")) Assert.NotEqual(HttpStatusCode.TooManyRequests, guess.StatusCode);
        using var fourth = await visitor.GetAsync($"/access/guess-{Guid.NewGuid():N}");

        await AssertTooManyAsync(fourth);
    }

    [Fact]
    public async Task CSV_downloads_and_uploads_are_limited_per_client_address_and_never_cached()
    {
        using var maria = new BrowserLikeClient(app.Factory, app.ClientSuperAdminCookies);
        var csv = $"/{Personas.HarborCoffee}/client/partner-access?handler=Csv";

        for (var i = 0; i < 3; i++)
        {
            using var download = await maria.GetAsync(csv);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
            Assert.True(download.Headers.CacheControl!.NoStore); // a list of people is never kept by a browser or a proxy
        }
        using (var fourth = await maria.GetAsync(csv)) await AssertTooManyAsync(fourth);
        using (var upload = await maria.PostFileAsync($"/{Personas.Brightwave}/partner/partner-access/upload", "file", "f.csv", "Hub ID,User email\r\n"u8.ToArray()))
            Assert.Equal(HttpStatusCode.TooManyRequests, upload.StatusCode); // the same budget: uploads are costly work too
        using var page = await maria.GetAsync($"/{Personas.HarborCoffee}/client/partner-access"); // reading pages is never limited
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
