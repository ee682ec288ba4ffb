using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

public sealed class SignInTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Data.Email"] = email, ["Data.Password"] = password };

    [Fact]
    public async Task A_demo_partner_admin_signs_in_and_lands_in_their_partner_account()
    {
        using var client = Fixture.CreateClient();
        using var signIn = await client.SubmitFormAsync("/sign-in", Credentials(Personas.PartnerSuperAdmin, Personas.Password));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var start = await client.GetAsync("/");
        Assert.Equal($"/{Personas.Brightwave}/home", BrowserLikeClient.LocationOf(start));

        using (var partnerHome = await client.GetAsync($"/{Personas.Brightwave}/home"))
            Assert.Equal($"/{Personas.Brightwave}/partner/dashboard", BrowserLikeClient.LocationOf(partnerHome)); // a partner's home is its dashboard
        var (status, dashboard) = await client.GetPageAsync($"/{Personas.Brightwave}/partner/dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Dashboard", dashboard.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Brightwave Digital", dashboard.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == "Client Access Manager"));
    }

    [Fact]
    public async Task A_wrong_password_is_told_plainly_and_signs_nobody_in()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.SubmitFormAsync("/sign-in", Credentials(Personas.PartnerSuperAdmin, "not-the-password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BrowserLikeClient.ParseAsync(response);
        Assert.Contains(Pages.SignInModel.NotSignedIn, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        using var home = await client.GetAsync($"/{Personas.Brightwave}/home");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_beside_each_field()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.SubmitFormAsync("/sign-in", Credentials("", ""));

        var page = await BrowserLikeClient.ParseAsync(response);
        Assert.Equal("Enter your email address.", page.QuerySelector("#email-error")!.TextContent.Trim());
        Assert.Equal("Enter your password.", page.QuerySelector("#password-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_sign_in_even_for_the_right_password()
    {
        using var client = Fixture.CreateClient();
        for (var i = 0; i < 5; i++)
            (await client.SubmitFormAsync("/sign-in", Credentials(Personas.ClientUser, $"wrong-{i}-password"))).Dispose();

        using var response = await client.SubmitFormAsync("/sign-in", Credentials(Personas.ClientUser, Personas.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BrowserLikeClient.ParseAsync(response);
        Assert.Contains(Pages.SignInModel.NotSignedIn, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        using var home = await client.GetAsync($"/{Personas.HarborCoffee}/home");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode); // not signed in
    }

    /// <summary>Stored as PBKDF2 hashes at the configured iterations (the tests' count here; production's 210,000 is PasswordHashingTests').</summary>
    [Fact]
    public async Task Passwords_are_stored_as_PBKDF2_hashes_at_the_configured_iterations_never_as_themselves()
    {
        var hash = await Fixture.InDbAsync(db => db.Users.Where(u => u.Email == Personas.PartnerSuperAdmin).Select(u => u.PasswordHash).SingleAsync());
        var bytes = Convert.FromBase64String(hash!);

        Assert.Equal(0x01, bytes[0]); // Identity v3 format: PBKDF2, then PRF, iteration count, salt length
        Assert.Equal((uint)PortalFactory.TestIterations, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)));
        Assert.DoesNotContain(Personas.Password, hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_need_eight_characters_and_no_composition_rules()
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var tooShort = await users.CreateAsync(new PortalUser { Id = Guid.NewGuid(), UserName = "short@example.org", Email = "short@example.org" }, "seven77");
        var lowercaseOnly = await users.CreateAsync(new PortalUser { Id = Guid.NewGuid(), UserName = "long@example.org", Email = "long@example.org" }, "correcthorse");

        Assert.False(tooShort.Succeeded);
        Assert.True(lowercaseOnly.Succeeded, string.Join(" ", lowercaseOnly.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_signs_nobody_in()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.PostRawAsync("/sign-in", Credentials(Personas.PartnerSuperAdmin, Personas.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("partnerportal.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_is_a_post_and_ends_the_session()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.PartnerSuperAdmin);

        using (var get = await client.GetAsync("/sign-out"))
            Assert.Equal(HttpStatusCode.OK, get.StatusCode); // a GET only asks
        using (var stillIn = await client.GetAsync($"/{Personas.Brightwave}/partner/dashboard"))
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        using var signOut = await client.SubmitFormAsync("/sign-out", new Dictionary<string, string>());
        Assert.Equal("/sign-in", BrowserLikeClient.LocationOf(signOut));
        using var after = await client.GetAsync($"/{Personas.Brightwave}/home");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task The_Sign_out_button_in_the_header_signs_out_from_any_page()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.ClientSuperAdmin);

        using var signOut = await client.SubmitFormAsync($"/{Personas.HarborCoffee}/home", new Dictionary<string, string>(), "header form");

        Assert.Equal("/sign-in", BrowserLikeClient.LocationOf(signOut));
        using var after = await client.GetAsync($"/{Personas.HarborCoffee}/home");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Sign_in_never_returns_to_another_site()
    {
        using var client = Fixture.CreateClient();
        using var response = await client.SubmitFormAsync("/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F", Credentials(Personas.PartnerSuperAdmin, Personas.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", BrowserLikeClient.LocationOf(response));
    }
}
