using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// R27, O2: the operator's page of Partner Access reviewers and channel consultants — the same rules as the command line:
/// someone new gets a welcome link in no account and then reviews; only a reviewer is a channel consultant; removing a
/// reviewer clears the partners they were consultant of.
/// </summary>
public sealed partial class OperatorReviewersTests(PortalFixture fixture) : PortalTest(fixture)
{
    [GeneratedRegex(@"/welcome/[A-Za-z0-9_-]{43}")]
    private static partial Regex WelcomeLink();

    private static async Task<string> SubmitAsync(BrowserLikeClient sam, string handler, Dictionary<string, string> form)
    {
        using var response = await sam.SubmitFormAsync("/operator/reviewers", form, $"main form[action*='handler={handler}']");
        return response.StatusCode == HttpStatusCode.Redirect
            ? BrowserLikeClient.MainText((await sam.GetPageAsync(BrowserLikeClient.LocationOf(response))).Page)
            : BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(response));
    }

    [Fact]
    public async Task R27_the_operator_makes_a_new_reviewer_who_sets_a_password_and_reviews_and_names_them_a_channel_consultant_then_removes_them()
    {
        using var sam = await Fixture.SignedInAsync(Personas.PlatformOperator);
        var (status, page) = await sam.GetPageAsync("/operator/reviewers");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelector($"tr[data-reviewer='{Personas.Reviewer}']"));

        // Only a reviewer can be a channel consultant, and only of a partner.
        var notReviewer = await SubmitAsync(sam, "Consultant", new() { ["Assign.PartnerHubId"] = $"{Personas.Brightwave}", ["Assign.Email"] = Personas.ClientUser });
        Assert.Contains($"{Personas.ClientUser} is not a Partner Access reviewer.", notReviewer, StringComparison.Ordinal);
        var client = await SubmitAsync(sam, "Consultant", new() { ["Assign.PartnerHubId"] = $"{Personas.HarborCoffee}", ["Assign.Email"] = Personas.Reviewer });
        Assert.Contains("Only a partner account has a channel consultant.", client, StringComparison.Ordinal);
        var unknown = await SubmitAsync(sam, "Consultant", new() { ["Assign.PartnerHubId"] = "99999999999", ["Assign.Email"] = Personas.Reviewer });
        Assert.Contains("No account has the Hub ID 99999999999.", unknown, StringComparison.Ordinal);

        // Someone new: the welcome link, in no account, sets their password; then the queue is theirs.
        var added = await SubmitAsync(sam, "Add", new() { ["Data.Email"] = "Nina.New@Reviewers.test", ["Data.Name"] = "Nina New" });
        Assert.Contains("nina.new@reviewers.test is a Partner Access reviewer", added, StringComparison.Ordinal);
        Assert.Contains("They were emailed a link to choose their password.", added, StringComparison.Ordinal);
        var body = await Fixture.InDbAsync(async db => (await db.Outbox.SingleAsync(m => m.To == "nina.new@reviewers.test")).Body);
        var link = WelcomeLink().Match(body).Value;
        using (var nina = Fixture.CreateClient())
        {
            var (_, welcome) = await nina.GetPageAsync(link);
            Assert.Contains("You were made a Partner Access reviewer.", BrowserLikeClient.MainText(welcome), StringComparison.Ordinal);
            using (var set = await nina.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "nina password", ["Data.ConfirmPassword"] = "nina password" }))
                Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }
        using (var nina = await Fixture.SignedInAsync("nina.new@reviewers.test", "nina password"))
            Assert.Equal(HttpStatusCode.OK, (await nina.GetPageAsync("/review/partner-access")).Status);

        // A channel consultant of Brightwave; the list says so. Removed, she is nobody's consultant any more.
        var named = await SubmitAsync(sam, "Consultant", new() { ["Assign.PartnerHubId"] = $"{Personas.Brightwave}", ["Assign.Email"] = "nina.new@reviewers.test" });
        Assert.Contains("nina.new@reviewers.test is Brightwave", named, StringComparison.Ordinal);
        var (_, listed) = await sam.GetPageAsync("/operator/reviewers");
        Assert.Contains($"Brightwave Digital ({Personas.Brightwave})", listed.QuerySelector("tr[data-reviewer='nina.new@reviewers.test']")!.TextContent, StringComparison.Ordinal);
        var removed = await SubmitAsync(sam, "Remove", new() { ["email"] = "nina.new@reviewers.test" });
        Assert.Contains("nina.new@reviewers.test is no longer a Partner Access reviewer (nor a channel consultant).", removed, StringComparison.Ordinal);
        var brightwave = await Fixture.InDbAsync(db => db.Accounts.SingleAsync(a => a.HubId == Personas.Brightwave));
        Assert.Null(brightwave.ChannelConsultantUserId);
        using (var nina = await Fixture.SignedInAsync("nina.new@reviewers.test", "nina password"))
            Assert.Equal(HttpStatusCode.Forbidden, (await nina.GetPageAsync("/review/partner-access")).Status);
    }
}
