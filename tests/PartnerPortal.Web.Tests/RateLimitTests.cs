using System.Net;
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
            ["RateLimits:SignInPerAddress"] = "6",
            ["RateLimits:SignInPerAccount"] = "3",
            ["RateLimits:AccessLinkPerAddress"] = "3",
            ["RateLimits:AddressWindow"] = "01:00:00",
            ["RateLimits:AccountWindow"] = "01:00:00",
        });
        Factory.StartServer();
        await Task.CompletedTask;
    }

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
    public async Task Access_links_are_limited_per_client_address_opened_or_approved()
    {
        using var visitor = new BrowserLikeClient(app.Factory);

        for (var i = 0; i < 3; i++)
            using (var guess = await visitor.GetAsync($"/access/guess-{i}-{Guid.NewGuid():N}")) Assert.NotEqual(HttpStatusCode.TooManyRequests, guess.StatusCode);
        using var fourth = await visitor.GetAsync($"/access/guess-{Guid.NewGuid():N}");

        await AssertTooManyAsync(fourth);
    }
}
