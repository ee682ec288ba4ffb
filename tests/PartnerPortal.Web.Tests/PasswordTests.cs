using System.Net;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>O3: Change password — the current one first; then every other session ends and this one goes on.</summary>
public sealed class PasswordTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static Dictionary<string, string> Form(string current, string next, string confirm) => new()
    {
        ["Data.CurrentPassword"] = current, ["Data.NewPassword"] = next, ["Data.ConfirmPassword"] = confirm,
    };


    [Fact]
    public async Task O3_changing_the_password_takes_the_current_one_ends_every_other_session_and_keeps_this_one()
    {
        var (email, agency) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Password Agency");
            return (w.Employee(agency, "Pam Password", AccessType.SuperAdmin).Email, agency.HubId);
        });
        using var here = await Fixture.SignedInAsync(email);
        using var elsewhere = await Fixture.SignedInAsync(email);
        var dashboard = $"/{agency}/partner/dashboard";

        foreach (var (form, message) in new[]
                 {
                     (Form("not-my-password", "correct horse battery", "correct horse battery"), "That is not your current password; nothing was changed."),
                     (Form(Personas.Password, "short", "short"), "A password has at least 8 characters."),
                     (Form(Personas.Password, "correct horse battery", "correct horse batter"), "The two new passwords are not the same."),
                 })
        {
            using var refused = await here.SubmitFormAsync("/account/password", form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetPageAsync(dashboard)).Status); // nothing changed yet

        using (var changed = await here.SubmitFormAsync("/account/password", Form(Personas.Password, "correct horse battery", "correct horse battery")))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
            var (_, page) = await here.GetPageAsync(BrowserLikeClient.LocationOf(changed));
            Assert.Contains("Your password is changed. Every other session of yours was signed out.", BrowserLikeClient.MainText(page), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await here.GetPageAsync(dashboard)).Status);
        using (var ended = await elsewhere.GetAsync(dashboard))
            Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(ended), StringComparison.Ordinal);

        using var old = Fixture.CreateClient();
        using (var refusedOld = await old.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = Personas.Password }))
            Assert.Equal(HttpStatusCode.OK, refusedOld.StatusCode);
        using var fresh = await Fixture.SignedInAsync(email, "correct horse battery");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetPageAsync(dashboard)).Status);
    }
}
