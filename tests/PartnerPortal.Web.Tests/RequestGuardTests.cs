using System.Net;
using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Tests;

/// <summary>Requests the pages were not written for get a plain answer and change nothing (SPEC §4; issue 6, "zero 500s").</summary>
public sealed class RequestGuardTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    [Fact]
    public async Task A_form_too_large_to_read_is_answered_400_with_a_page_that_says_so_and_changes_nothing()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var token = await ava.AntiforgeryTokenAsync();
        var before = await Fixture.InDbAsync(db => db.PartnerAccessRequests.Select(r => r.State).ToListAsync());

        // More fields than a form may carry (1,024): the form cannot be read, by the page nor by the status page after it.
        using var response = await ava.PostRawAsync($"/{Personas.Brightwave}/partner/partner-access?handler=Withdraw",
            Enumerable.Range(0, 3_000).Select(i => new KeyValuePair<string, string>("request", $"{i}")).Append(new("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await BrowserLikeClient.ParseAsync(response)).QuerySelector("main")!.TextContent;
        Assert.Contains("That request could not be read", text, StringComparison.Ordinal);
        Assert.DoesNotContain("500", text, StringComparison.Ordinal);
        Assert.Equal(before, await Fixture.InDbAsync(db => db.PartnerAccessRequests.Select(r => r.State).ToListAsync()));
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_reads_answers_405_or_the_refusal_its_reading_would_give()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        using var diego = await Fixture.SignedInAsync(Personas.PlainPartnerEmployee);
        using var olivia = await Fixture.SignedInAsync(Personas.OtherPartnerSuperAdmin);

        using var allowed = await ava.PostCraftedAsync($"{Cam}/employees", []);
        using var refused = await diego.PostCraftedAsync($"{Cam}/employees", []);
        using var otherTenant = await olivia.PostCraftedAsync($"{Cam}/employees", []);
        using var unknownAccount = await ava.PostCraftedAsync("/99999999/home", []);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, allowed.StatusCode);
        Assert.Equal(["GET"], allowed.Content.Headers.Allow);
        Assert.Equal("That action isn't available here", (await BrowserLikeClient.ParseAsync(allowed)).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode); // not a member: as an unknown Hub ID
        Assert.Equal(HttpStatusCode.NotFound, unknownAccount.StatusCode);
    }

    [Fact]
    public async Task An_unknown_handler_is_not_found_for_those_who_may_read_the_page_and_forbidden_for_the_others()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        using var diego = await Fixture.SignedInAsync(Personas.PlainPartnerEmployee);

        using var get = await ava.GetAsync($"{Cam}?handler=Export");
        using var post = await ava.PostCraftedAsync($"{Cam}/access-link?handler=Delete", []);
        using var refused = await diego.PostCraftedAsync($"{Cam}/access-link?handler=Delete", []);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("employee=", HttpStatusCode.NotFound)]
    [InlineData("employee=00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("employee=6d0b5c1e-2f5a-4b8e-9c7d-000000000000", HttpStatusCode.NotFound)]
    [InlineData("employee=not-a-guid", HttpStatusCode.BadRequest)]
    public async Task Resetting_a_link_named_by_an_unknown_or_unreadable_id_resets_nothing_and_never_falls_back_to_your_own(string query, HttpStatusCode expected)
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var before = await Fixture.AccessLinkTokenAsync(Personas.PartnerSuperAdmin);

        using var reset = await ava.PostCraftedAsync($"{Cam}/access-link?handler=Reset&{query}", []);
        using var read = await ava.GetAsync($"{Cam}/access-link?{query}");

        Assert.Equal(expected, reset.StatusCode);
        Assert.Equal(expected, read.StatusCode);
        Assert.Equal(before, await Fixture.AccessLinkTokenAsync(Personas.PartnerSuperAdmin));
        if (expected == HttpStatusCode.BadRequest)
            Assert.Contains("These values were not understood: employee. Nothing was changed.", (await BrowserLikeClient.ParseAsync(reset)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_unreadable_id_among_valid_ones_stops_the_whole_removal()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);

        using var response = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.HarborCoffee}?handler=Confirm",
            [new("remove", $"{emma}"), new("remove", "not-a-guid")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == emma)));
    }

    [Fact]
    public async Task A_partner_account_serviced_as_a_client_is_shown_but_never_handed_to_client_only_actions()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var ava_ = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        var george = await Fixture.UserIdAsync("george.li@outlook.com");

        var (detailsStatus, details) = await ava.GetPageAsync($"{Cam}/clients/{Personas.Lumen}");
        using var changeForm = await ava.GetAsync($"{Cam}/clients/{Personas.Lumen}/change-to-partner-admin");
        using var change = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.Lumen}/change-to-partner-admin", [new("Data.UserId", $"{ava_}")]);
        using var addForm = await ava.GetAsync($"{Cam}/clients/{Personas.Lumen}/add-employees");
        using var link = await ava.PostCraftedAsync($"{Cam}/employees/{george}/link-clients", [new("Data.ClientHubIds", $"{Personas.Lumen}")]);

        Assert.Equal(HttpStatusCode.OK, detailsStatus);
        Assert.Contains("a partner account you service", details.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(details.QuerySelectorAll("a, button"), e => e.TextContent.Trim() is "Add employees" or "Remove partner employee");
        Assert.Equal(HttpStatusCode.NotFound, changeForm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, addForm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
    }

    [Fact]
    public async Task A_page_number_past_the_end_shows_the_last_page()
    {
        var boss = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Paging Agency");
            var owner = w.Employee(agency, "Pat Owner", AccessType.SuperAdmin);
            foreach (var name in new[] { "Alpha Co", "Beta Co", "Gamma Co" }) w.Services(agency, w.Client(name));
            return (agency.HubId, owner.Email);
        });
        using var client = await Fixture.SignedInAsync(boss.Email);

        var (status, page) = await client.GetPageAsync($"/{boss.HubId}/partner/client-access-manager?filtered=true&types=all&size=10&p=2147483647");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Showing 1–3 of 3 clients", page.QuerySelector("[data-testid=client-count]")!.TextContent.Trim());
        Assert.Contains("Page 1 of 1", page.QuerySelector("nav[aria-label='Client pages']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_request_is_account_scoped_or_says_why_it_is_not()
    {
        var requests = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();
        var unscoped = requests.Where(t => !typeof(IAccountRequest).IsAssignableFrom(t) && t.GetCustomAttribute<NotAccountScopedAttribute>() is null)
            .Select(t => t.FullName).ToList();
        var scopedWithoutResult = requests.Where(t => typeof(IAccountRequest).IsAssignableFrom(t)
            && !t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)
                && i.GetGenericArguments()[0].IsGenericType && i.GetGenericArguments()[0].GetGenericTypeDefinition() == typeof(Infrastructure.Result<>)))
            .Select(t => t.FullName).ToList();

        Assert.True(requests.Count > 10, "The request types were not found.");
        Assert.True(unscoped.Count == 0, $"Declare an AccessRequirement (IAccountRequest) or [NotAccountScoped(\"why\")] on: {string.Join(", ", unscoped)}");
        Assert.True(scopedWithoutResult.Count == 0, $"Account-scoped requests answer with Result<T> so that a refusal can be answered: {string.Join(", ", scopedWithoutResult)}");
    }
}
