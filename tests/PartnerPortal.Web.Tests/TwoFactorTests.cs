using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.DemoData;

namespace PartnerPortal.Web.Tests;

/// <summary>B7: two-factor sign-in with an authenticator app (TOTP) and recovery codes, and a partner that requires it.</summary>
public sealed class TwoFactorTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record TwoFactorWorld(long Agency, string Boss, string Staff);

    private Task<TwoFactorWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Secure Agency");
        var boss = w.Employee(agency, "Bea Secure", AccessType.SuperAdmin);
        var staff = w.Employee(agency, "Sid Staff", permissions: Permission.AddAndEditUsers);
        return new TwoFactorWorld(agency.HubId, boss.Email, staff.Email);
    });

    private static string Text(IDocument page) => page.QuerySelector("main")!.TextContent;

    /// <summary>Turns two-factor on as a user does on the page; returns the key and the recovery codes shown.</summary>
    private static async Task<(string Key, List<string> Codes)> EnrolAsync(BrowserLikeClient user)
    {
        using (var started = await user.SubmitFormAsync("/account/two-factor", new Dictionary<string, string>(), "main form[action*=Start]"))
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var (_, setup) = await user.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);

        using (var wrong = await user.SubmitFormAsync("/account/two-factor", [new("code", Totp.WrongCode(key))], "main form[action*=Enable]"))
            Assert.Contains("That code is not correct", Text(await BrowserLikeClient.ParseAsync(wrong)), StringComparison.Ordinal);
        using var enabled = await user.SubmitFormAsync("/account/two-factor", [new("code", Totp.Code(key))], "main form[action*=Enable]");
        var page = await BrowserLikeClient.ParseAsync(enabled);
        Assert.Contains("Two-factor sign-in is on.", Text(page), StringComparison.Ordinal);
        var codes = page.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        return (key, codes);
    }

    private static async Task<HttpResponseMessage> PasswordAsync(BrowserLikeClient client, string email) =>
        await client.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = Personas.Password });

    [Fact]
    public async Task B7_a_user_enrols_an_authenticator_app_then_signs_in_with_a_code_or_once_with_each_recovery_code()
    {
        var world = await BuildAsync();
        using var staff = await Fixture.SignedInAsync(world.Staff);
        var (key, codes) = await EnrolAsync(staff);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        // Still signed in after turning it on (it renews the security stamp).
        Assert.Equal(HttpStatusCode.OK, (await staff.GetPageAsync($"/{world.Agency}/partner/dashboard")).Status);

        // The password alone no longer signs in: it leads to the code.
        using var fresh = Fixture.CreateClient();
        using (var password = await PasswordAsync(fresh, world.Staff))
            Assert.StartsWith("/sign-in/two-factor", BrowserLikeClient.LocationOf(password), StringComparison.Ordinal);
        using (var notYet = await fresh.GetAsync($"/{world.Agency}/partner/dashboard"))
            Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(notYet), StringComparison.Ordinal);
        using (var wrong = await fresh.SubmitFormAsync("/sign-in/two-factor", [new("Data.Code", Totp.WrongCode(key))]))
            Assert.Contains("That code is not correct", Text(await BrowserLikeClient.ParseAsync(wrong)), StringComparison.Ordinal);
        using (var right = await fresh.SubmitFormAsync("/sign-in/two-factor", [new("Data.Code", Totp.NextCode(key))])) // the enrolment's code is used up
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetPageAsync($"/{world.Agency}/partner/dashboard")).Status);

        // A recovery code signs in once.
        foreach (var expected in new[] { HttpStatusCode.Redirect, HttpStatusCode.OK })
        {
            using var other = Fixture.CreateClient();
            (await PasswordAsync(other, world.Staff)).Dispose();
            using var recovered = await other.SubmitFormAsync("/sign-in/two-factor", [new("Data.Code", codes[0]), new("Data.UseRecoveryCode", "true")],
                "main form:has(input[name='Data.UseRecoveryCode'][value=true])");
            Assert.Equal(expected, recovered.StatusCode);
            if (expected == HttpStatusCode.OK)
                Assert.Contains("That recovery code is not correct, or it was used already.", Text(await BrowserLikeClient.ParseAsync(recovered)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task B7_the_code_page_without_a_right_password_just_before_sends_back_to_sign_in_and_wrong_codes_count_toward_the_lockout()
    {
        var world = await BuildAsync();
        using (var staff = await Fixture.SignedInAsync(world.Staff))
            await EnrolAsync(staff);

        using var anonymous = Fixture.CreateClient();
        using (var direct = await anonymous.GetAsync("/sign-in/two-factor"))
            Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(direct), StringComparison.Ordinal);

        using var guesser = Fixture.CreateClient();
        (await PasswordAsync(guesser, world.Staff)).Dispose();
        var token = await GuessTokenAsync(guesser);
        for (var i = 0; i < 5; i++)
            (await guesser.PostRawAsync("/sign-in/two-factor", [new("Data.Code", "000000"), new("Data.UseRecoveryCode", "false"), new("__RequestVerificationToken", token)])).Dispose();
        Assert.True(await Fixture.InDbAsync(db => db.Users.Where(u => u.Email == world.Staff).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);
    }

    private static async Task<string> GuessTokenAsync(BrowserLikeClient client)
    {
        var (_, page) = await client.GetPageAsync("/sign-in/two-factor");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task B7_a_Super_Admin_requires_two_factor_and_a_user_without_it_is_sent_to_enrolment_before_anything_else()
    {
        var world = await BuildAsync();
        using var staff = await Fixture.SignedInAsync(world.Staff);
        // Only a Super Admin turns it on; Sid may look.
        var (_, security) = await staff.GetPageAsync($"/{world.Agency}/settings/security");
        Assert.Contains("Only a Super Admin can change this.", Text(security), StringComparison.Ordinal);
        using (var refused = await staff.PostCraftedAsync($"/{world.Agency}/settings/security", [new("require", "true")]))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Accounts.Where(a => a.HubId == world.Agency).Select(a => a.RequiresTwoFactor).SingleAsync()));

        using var boss = await Fixture.SignedInAsync(world.Boss);
        using (var required = await boss.SubmitFormAsync($"/{world.Agency}/settings/security", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, required.StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Accounts.Where(a => a.HubId == world.Agency).Select(a => a.RequiresTwoFactor).SingleAsync()));

        // Sid, signed in already, is sent to enrolment from any page; a post elsewhere does nothing.
        using (var page = await staff.GetAsync($"/{world.Agency}/settings/users"))
            Assert.Equal($"/account/two-factor?ReturnUrl={Uri.EscapeDataString($"/{world.Agency}/settings/users")}", BrowserLikeClient.LocationOf(page));
        using (var post = await staff.PostCraftedAsync($"/{world.Agency}/settings/partner-email-domains?handler=Add", [new("Data.Domain", "gate.test")]))
            Assert.StartsWith("/account/two-factor", BrowserLikeClient.LocationOf(post), StringComparison.Ordinal);
        Assert.False(await Fixture.InDbAsync(db => db.PartnerEmailDomains.AnyAsync(d => d.Domain == "gate.test")));
        var (_, enrol) = await staff.GetPageAsync("/account/two-factor");
        Assert.Contains("Secure Agency requires two-factor sign-in for every user.", Text(enrol), StringComparison.Ordinal);
        var (key, _) = await EnrolAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetPageAsync($"/{world.Agency}/settings/users")).Status);

        // Once required, it cannot be turned off.
        using (var newCodes = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["proof"] = Personas.Password }, "main form[action*=RecoveryCodes]"))
            Assert.Equal(10, (await BrowserLikeClient.ParseAsync(newCodes)).QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        using (var disable = await staff.PostCraftedAsync("/account/two-factor?handler=Disable", []))
            Assert.Contains("Secure Agency requires two-factor sign-in for every user, so it stays on.", Text(await BrowserLikeClient.ParseAsync(disable)), StringComparison.Ordinal);
        Assert.True(await Fixture.InDbAsync(db => db.Users.Where(u => u.Email == world.Staff).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.NotEmpty(key);
    }

    [Fact]
    public async Task B7_the_demo_employee_with_two_factor_signs_in_with_the_code_of_the_published_key()
    {
        using var jonas = Fixture.CreateClient();
        using (var password = await PasswordAsync(jonas, DemoWorld.TwoFactorEmail))
            Assert.StartsWith("/sign-in/two-factor", BrowserLikeClient.LocationOf(password), StringComparison.Ordinal);
        using (var code = await jonas.SubmitFormAsync("/sign-in/two-factor", [new("Data.Code", Totp.Code(DemoWorld.TwoFactorKey))]))
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        var (_, page) = await jonas.GetPageAsync("/account/two-factor");
        Assert.Contains("Two-factor sign-in is on.", Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task B7_a_code_is_never_accepted_twice_not_even_by_two_sessions_at_once()
    {
        var world = await BuildAsync();
        string key;
        using (var staff = await Fixture.SignedInAsync(world.Staff))
            (key, _) = await EnrolAsync(staff);
        var code = Totp.NextCode(key);
        var sessions = new List<BrowserLikeClient>();
        for (var i = 0; i < 4; i++)
        {
            var session = Fixture.CreateClient();
            (await PasswordAsync(session, world.Staff)).Dispose();
            sessions.Add(session);
        }
        var tokens = await Task.WhenAll(sessions.Select(GuessTokenAsync));

        var answers = await Task.WhenAll(sessions.Select((s, i) =>
            s.PostRawAsync("/sign-in/two-factor", [new("Data.Code", code), new("Data.UseRecoveryCode", "false"), new("__RequestVerificationToken", tokens[i])])));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect)); // one session from one code
        using var late = Fixture.CreateClient();
        (await PasswordAsync(late, world.Staff)).Dispose();
        using (var again = await late.SubmitFormAsync("/sign-in/two-factor", [new("Data.Code", code)]))
            Assert.Contains("That code is not correct", Text(await BrowserLikeClient.ParseAsync(again)), StringComparison.Ordinal);
        foreach (var answer in answers) answer.Dispose();
        foreach (var session in sessions) session.Dispose();
    }

    [Fact]
    public async Task B7_fifty_wrong_codes_at_once_are_checked_at_most_as_often_as_the_lockout_allows()
    {
        var world = await BuildAsync();
        string key;
        using (var staff = await Fixture.SignedInAsync(world.Staff))
            (key, _) = await EnrolAsync(staff);
        using var guesser = Fixture.CreateClient();
        (await PasswordAsync(guesser, world.Staff)).Dispose();
        var token = await GuessTokenAsync(guesser);
        var wrong = Totp.WrongCode(key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var response = await guesser.PostRawAsync("/sign-in/two-factor", [new("Data.Code", wrong), new("Data.UseRecoveryCode", "false"), new("__RequestVerificationToken", token)]);
            return response.StatusCode == HttpStatusCode.OK ? Text(await BrowserLikeClient.ParseAsync(response)) : $"{(int)response.StatusCode}";
        })));

        // Each checked code answers "not correct"; the rest were refused unchecked (locked, or turned away by the rate limit).
        Assert.InRange(answers.Count(a => a.Contains("That code is not correct", StringComparison.Ordinal)), 1, 5);
        Assert.True(await Fixture.InDbAsync(db => db.Users.Where(u => u.Email == world.Staff).Select(u => u.LockoutEnd).SingleAsync()) > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task B7_turning_two_factor_off_and_new_recovery_codes_ask_for_the_password_or_a_current_code()
    {
        var world = await BuildAsync();
        using var staff = await Fixture.SignedInAsync(world.Staff);
        var (key, _) = await EnrolAsync(staff);
        bool Enabled(PartnerPortal.Data.PortalDb db) => db.Users.Single(u => u.Email == world.Staff).TwoFactorEnabled;

        foreach (var proof in new[] { "", "not-my-password", Totp.WrongCode(key) })
        {
            using var refused = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["proof"] = proof }, "main form[action*=Disable]");
            Assert.Contains("Enter your password or the code your authenticator app shows now; nothing was changed.", Text(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);
        }
        using (var noCodes = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["proof"] = "wrong" }, "main form[action*=RecoveryCodes]"))
            Assert.Empty((await BrowserLikeClient.ParseAsync(noCodes)).QuerySelectorAll("[data-testid=recovery-codes] li"));
        Assert.True(await Fixture.InDbAsync(db => Task.FromResult(Enabled(db))));

        using (var codes = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["proof"] = Totp.NextCode(key) }, "main form[action*=RecoveryCodes]"))
            Assert.Equal(10, (await BrowserLikeClient.ParseAsync(codes)).QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        using (var off = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["proof"] = Personas.Password }, "main form[action*=Disable]"))
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => Task.FromResult(Enabled(db))));
    }
}
