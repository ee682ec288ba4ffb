using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Security;
using PartnerPortal.Web.Pages;

namespace PartnerPortal.Web.Tests;

/// <summary>O3: Forgot password? — the same answer whether or not the address is someone's; a one-hour, one-time link that sets a new password.</summary>
public sealed partial class ForgotPasswordTests(PortalFixture fixture) : PortalTest(fixture)
{
    [GeneratedRegex(@"/welcome/[A-Za-z0-9_-]{43}")]
    private static partial Regex ResetLink();

    private async Task<(HttpStatusCode Status, string Text)> AskAsync(string email)
    {
        using var visitor = Fixture.CreateClient();
        using var answer = await visitor.SubmitFormAsync("/forgot-password", new Dictionary<string, string> { ["Data.Email"] = email });
        return (answer.StatusCode, BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(answer)).Replace(email, "EMAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task O3_the_answer_is_the_same_for_a_known_and_an_unknown_address_and_the_link_sets_a_new_password_once_within_an_hour()
    {
        var email = await Fixture.BuildAsync(w => w.Employee(w.Partner("Reset Agency"), "Rosa Reset", AccessType.SuperAdmin).Email);
        using var elsewhere = await Fixture.SignedInAsync(email);

        var firstAsked = DateTimeOffset.UtcNow;
        var known = await AskAsync(email);
        var firstAnswered = DateTimeOffset.UtcNow;
        var unknown = await AskAsync("nobody.at.all@reset-agency.test");

        Assert.Equal(known, unknown);
        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Contains("If EMAIL signs in to Partner Portal, a link to choose a new password is on its way to it.", known.Text, StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To == "nobody.at.all@reset-agency.test")));
        var body = await Fixture.InDbAsync(async db => (await db.Outbox.SingleAsync(m => m.To == email)).Body);
        var link = ResetLink().Match(body).Value;
        var stored = await Fixture.InDbAsync(db => db.UserInvitations.SingleAsync(i => i.Purpose == PasswordLinkPurpose.Reset));
        Assert.Equal(TimeSpan.FromHours(1), stored.ExpiresAt - stored.CreatedAt);
        Assert.NotEqual(link["/welcome/".Length..], stored.TokenHash); // only its hash is kept

        // Five wrong passwords paused the sign-in; the link proves the address, so the new password works at once.
        using (var guesser = Fixture.CreateClient())
            for (var i = 0; i < 5; i++)
                using (await guesser.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = "wrong guess" })) { }
        using var owner = Fixture.CreateClient();
        var (_, page) = await owner.GetPageAsync(link);
        Assert.Contains("Choose a new password", BrowserLikeClient.MainText(page), StringComparison.Ordinal);
        using (var set = await owner.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "a brand new password", ["Data.ConfirmPassword"] = "a brand new password" }))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetPageAsync(link)).Status); // once
        using (var ended = await elsewhere.GetAsync("/accounts"))
            Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(ended), StringComparison.Ordinal); // the old sessions end
        using var fresh = await Fixture.SignedInAsync(email, "a brand new password");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetPageAsync("/accounts")).Status);

        // Asked again within the same minutes: no second email. One email goes per address in each fixed window of
        // PasswordResets.EmailEvery; when this test happens to straddle the end of one (the steps above take seconds), the
        // second ask is in a new window and its email is due.
        var againAsked = DateTimeOffset.UtcNow;
        await AskAsync(email);
        var againAnswered = DateTimeOffset.UtcNow;
        var emails = await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email));
        if (WindowOf(firstAsked) == WindowOf(againAnswered)) Assert.Equal(1, emails);
        else if (WindowOf(firstAnswered) < WindowOf(againAsked)) Assert.Equal(2, emails);
        else Assert.InRange(emails, 1, 2); // a window ended while one of the two asks was being answered
    }

    private static long WindowOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)PasswordResets.EmailEvery.TotalSeconds;

    [Fact]
    public async Task O3_an_expired_reset_link_is_refused_and_says_how_to_get_another()
    {
        var email = await Fixture.BuildAsync(w => w.Employee(w.Partner("Expiry Agency"), "Eli Expiry", AccessType.SuperAdmin).Email);
        await AskAsync(email);
        var link = ResetLink().Match(await Fixture.InDbAsync(async db => (await db.Outbox.SingleAsync(m => m.To == email)).Body)).Value;
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Fixture.InDbAsync(db => db.UserInvitations.Where(i => i.Purpose == PasswordLinkPurpose.Reset).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, past)));

        using var owner = Fixture.CreateClient();
        var (status, page) = await owner.GetPageAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("has been used or has expired.", BrowserLikeClient.MainText(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main a[href='/forgot-password']"));
        using var old = await Fixture.SignedInAsync(email); // the password did not change
    }

    [Fact]
    public async Task O3_fifty_requests_at_once_send_one_email_and_every_answer_takes_the_same_least_time()
    {
        var email = await Fixture.BuildAsync(w => w.Employee(w.Partner("Burst Agency"), "Bea Burst", AccessType.SuperAdmin).Email);
        var browsers = Enumerable.Range(0, 50).Select(_ => Fixture.CreateClient()).ToList();
        var tokens = await Task.WhenAll(browsers.Select(async b =>
            (await b.GetPageAsync("/forgot-password")).Page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!));

        var timed = await Task.WhenAll(browsers.Select(async (b, i) =>
        {
            var clock = Stopwatch.StartNew();
            using var answer = await b.PostRawAsync("/forgot-password", [new("Data.Email", i % 2 == 0 ? email : $"unknown{i}@burst-agency.test"), new("__RequestVerificationToken", tokens[i])]);
            return (answer.StatusCode, clock.Elapsed);
        }));

        Assert.All(timed, t => Assert.Equal(HttpStatusCode.OK, t.StatusCode));
        Assert.All(timed, t => Assert.True(t.Elapsed >= EvenTiming.Floor - TimeSpan.FromMilliseconds(20), $"answered in {t.Elapsed.TotalMilliseconds} ms"));
        Assert.Equal(1, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To == email)));
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To.EndsWith("@burst-agency.test") && m.To != email)));
        foreach (var b in browsers) b.Dispose();
    }
}
