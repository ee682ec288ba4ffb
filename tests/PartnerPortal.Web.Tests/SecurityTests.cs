using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Security;
using PartnerPortal.Web.Pages;

namespace PartnerPortal.Web.Tests;

/// <summary>The defects an outside tester found (issue 6), each proven closed: lockout, enumeration, tokens in logs, headers, sign-out.</summary>
public sealed class SecurityTests(PortalFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : PortalTest(fixture)
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Data.Email"] = email, ["Data.Password"] = password };

    private Task<string> PasswordHashAsync(string email) =>
        Fixture.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync());

    private async Task<string> AlertAfterSignInAsync(string email, string password)
    {
        using var client = Fixture.CreateClient();
        using var response = await client.SubmitFormAsync("/sign-in", Credentials(email, password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await BrowserLikeClient.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.Trim();
    }

    [Fact]
    public async Task Fifty_parallel_wrong_passwords_check_at_most_five_and_lock_the_sign_in()
    {
        var person = await Fixture.BuildAsync(w => WorldBuilder.OwnerOf(w.Client("Lockout Test Client")));
        var hash = await PasswordHashAsync(person.Email);
        var clients = Enumerable.Range(0, 50).Select(_ => Fixture.CreateClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(async c =>
        {
            var (_, page) = await c.GetPageAsync("/sign-in");
            return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostRawAsync("/sign-in",
            [new("Data.Email", person.Email), new("Data.Password", $"wrong-password-{i}"), new("__RequestVerificationToken", tokens[i])])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        output.WriteLine($"50 parallel wrong passwords: {Fixture.Service<PasswordChecks>().Against(hash)} checked against the real hash");
        Assert.InRange(Fixture.Service<PasswordChecks>().Against(hash), 1, 5);
        Assert.Equal(SignInModel.NotSignedIn, await AlertAfterSignInAsync(person.Email, Personas.Password)); // locked, even for the right password
        Assert.InRange(Fixture.Service<PasswordChecks>().Against(hash), 1, 5); // and the right one was not even checked
        foreach (var response in responses) response.Dispose();
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task An_unknown_email_a_wrong_password_and_a_locked_sign_in_get_the_same_answer_after_one_password_check_each()
    {
        var person = await Fixture.BuildAsync(w => WorldBuilder.OwnerOf(w.Client("Enumeration Test Client")));
        var hash = await PasswordHashAsync(person.Email);
        var checks = Fixture.Service<PasswordChecks>();

        var unknown = await AlertAfterSignInAsync("nobody.here@example.test", "some-password");
        Assert.Equal(1, checks.Total); // a decoy hash is checked, as long as a real one takes
        var wrong = await AlertAfterSignInAsync(person.Email, "not-the-password");
        Assert.Equal((2, 1), (checks.Total, checks.Against(hash)));
        for (var i = 0; i < 4; i++) await AlertAfterSignInAsync(person.Email, $"wrong-{i}");
        var locked = await AlertAfterSignInAsync(person.Email, Personas.Password);

        Assert.Equal((7, 5), (checks.Total, checks.Against(hash))); // the locked attempt checked the decoy, not the real hash
        Assert.Equal(SignInModel.NotSignedIn, unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task A_right_password_before_the_limit_signs_in_and_gives_the_attempts_back()
    {
        var person = await Fixture.BuildAsync(w => WorldBuilder.OwnerOf(w.Client("Attempts Test Client")));
        for (var i = 0; i < 4; i++) await AlertAfterSignInAsync(person.Email, $"wrong-{i}");

        using var client = Fixture.CreateClient();
        await client.SignInAsync(person.Email);

        var (failed, lockoutEnd) = await Fixture.InDbAsync(db => db.Users.Where(u => u.Email == person.Email)
            .Select(u => new ValueTuple<int, DateTimeOffset?>(u.AccessFailedCount, u.LockoutEnd)).SingleAsync());
        Assert.Equal((0, (DateTimeOffset?)null), (failed, lockoutEnd));
    }

    [Fact]
    public async Task A_request_to_an_access_link_leaves_no_token_in_the_log()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var maria = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);

        (await maria.GetAsync($"/access/{token}")).Dispose();
        (await maria.SubmitFormAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" })).Dispose();
        (await maria.GetAsync($"/access/{token}/not-a-route")).Dispose();

        var log = await LogFile.WaitForAsync(Fixture.Factory, "HTTP POST /access/{token} responded 302");
        Assert.Contains("HTTP GET /access/{token} responded 200", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..12], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_fails_is_logged_with_the_500_it_answered()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        Fixture.Service<Faults>().FailNextAccountList = true;

        using var response = await ava.GetAsync($"/{Personas.Brightwave}/partner/dashboard");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong on our side", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = await LogFile.WaitForAsync(Fixture.Factory, "HTTP GET /{hubId:long}/partner/dashboard responded 500");
        Assert.DoesNotContain("HTTP GET /{hubId:long}/partner/dashboard responded 200", log.Split('\n').Last(l => l.Contains("responded", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Responses() => new()
    {
        { "a page", "GET /{Brightwave}/home" },
        { "a form post", "POST /sign-in" },
        { "the approval page", "GET /access/{token}" },
        { "an error page", "GET /{Brightwave}/nowhere" },
        { "a refusal", "GET /{Harbor}/partner/client-access-manager" },
        { "a static file", "GET /css/site.css" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string what, string request)
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var url = request.Split(' ')[1].Replace("{Brightwave}", $"{Personas.Brightwave}", StringComparison.Ordinal)
            .Replace("{Harbor}", $"{Personas.HarborCoffee}", StringComparison.Ordinal)
            .Replace("{token}", await Fixture.AccessLinkTokenAsync(Personas.Hana), StringComparison.Ordinal);

        using var response = request.StartsWith("POST", StringComparison.Ordinal)
            ? await ava.PostCraftedAsync(url, Credentials("x@example.test", "wrong-password"))
            : await ava.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), what);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_antiforgery_and_temp_data_cookies_are_secure_and_http_only()
    {
        using var client = Fixture.CreateClient();
        using var page = await client.GetAsync("/sign-in");
        using var signIn = await client.SubmitFormAsync("/sign-in", Credentials(Personas.PartnerSuperAdmin, Personas.Password));

        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("partnerportal.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/{Brightwave}/partner/dashboard")]
    [InlineData("/{Brightwave}/partner/client-access-manager")]
    [InlineData("/{Brightwave}/partner/client-access-manager/clients/{Harbor}")]
    [InlineData("/{Brightwave}/partner/client-access-manager/access-link")]
    [InlineData("/access/{token}")]
    [InlineData("/error/404")]
    public async Task Pages_hold_no_inline_script_or_style_so_the_policy_needs_no_unsafe_inline(string path)
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        using var anonymous = Fixture.CreateClient();
        var url = path.Replace("{Brightwave}", $"{Personas.Brightwave}", StringComparison.Ordinal)
            .Replace("{Harbor}", $"{Personas.HarborCoffee}", StringComparison.Ordinal)
            .Replace("{token}", await Fixture.AccessLinkTokenAsync(Personas.Hana), StringComparison.Ordinal);

        var (status, page) = await (path == "/sign-in" ? anonymous : ava).GetPageAsync(url);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url} answered {status}");
        Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_session_cookie_captured_before_sign_out_opens_nothing_after_it()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var captured = ava.CopyCookies();

        using (var signOut = await ava.SubmitFormAsync("/sign-out", new Dictionary<string, string>()))
            Assert.Equal("/sign-in", BrowserLikeClient.LocationOf(signOut));
        using var replay = new BrowserLikeClient(Fixture.Factory, captured);
        using var response = await replay.GetAsync($"/{Personas.Brightwave}/partner/client-access-manager");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(response), StringComparison.Ordinal);
    }
}
