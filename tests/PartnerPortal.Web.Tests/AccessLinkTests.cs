using Microsoft.AspNetCore.DataProtection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>R1–R4: access links, from the partner's side and the client's.</summary>
public sealed class AccessLinkTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private Task<int> MembershipsAsync(long hubId) => Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == hubId));

    private Task<Membership?> MembershipAsync(long hubId, string email) => Fixture.InDbAsync(db =>
        db.Memberships.Include(m => m.PermissionSet).SingleOrDefaultAsync(m => m.AccountHubId == hubId && m.User!.Email == email));

    private static async Task<string> ShownLinkAsync(BrowserLikeClient client, string query = "")
    {
        var (status, page) = await client.GetPageAsync($"{Cam}/access-link{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "Copy link"));
        return page.QuerySelector("#access-link-url")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task R1_get_access_link_shows_your_own_link_and_copy_access_link_shows_another_employees()
    {
        using var ava = Fixture.CreateClient();
        await ava.SignInAsync(Personas.PartnerSuperAdmin);
        var hana = await Fixture.UserIdAsync(Personas.Hana);

        var own = await ShownLinkAsync(ava);
        var hanas = await ShownLinkAsync(ava, $"?employee={hana}");

        Assert.EndsWith($"/access/{await Fixture.AccessLinkTokenAsync(Personas.PartnerSuperAdmin)}", own, StringComparison.Ordinal);
        Assert.EndsWith($"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}", hanas, StringComparison.Ordinal);
        Assert.NotEqual(own, hanas);
        Assert.Equal(own, await ShownLinkAsync(ava)); // reusable: the same link every time
    }

    [Fact]
    public async Task R1_a_client_access_manager_copies_an_employees_link_but_a_plain_employee_cannot()
    {
        using var ben = Fixture.CreateClient();
        await ben.SignInAsync(Personas.ClientAccessManager);
        using var diego = Fixture.CreateClient();
        await diego.SignInAsync(Personas.PlainPartnerEmployee);
        var hana = await Fixture.UserIdAsync(Personas.Hana);

        Assert.Contains("/access/", await ShownLinkAsync(ben, $"?employee={hana}"), StringComparison.Ordinal);
        using var refused = await diego.GetAsync($"{Cam}/access-link?employee={hana}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task R2_opening_a_link_shows_who_is_asking_and_changes_nothing()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        var before = await MembershipsAsync(Personas.HarborCoffee);
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);

        var (status, page) = await maria.GetPageAsync($"/access/{token}");

        Assert.Equal(HttpStatusCode.OK, status);
        var facts = page.QuerySelector("dl")!.TextContent;
        Assert.Contains("Brightwave Digital", facts, StringComparison.Ordinal);
        Assert.Contains("Hana Sato", facts, StringComparison.Ordinal);
        Assert.Contains(Personas.Hana, facts, StringComparison.Ordinal);
        Assert.Equal(["Harbor Coffee Roasters (Hub ID 45100001)"], page.QuerySelectorAll("label.form-check-label").Select(l => l.TextContent.Trim()));
        Assert.Equal(before, await MembershipsAsync(Personas.HarborCoffee));
    }

    [Fact]
    public async Task R2_someone_who_administers_no_client_account_is_told_they_cannot_approve()
    {
        using var tom = Fixture.CreateClient();
        await tom.SignInAsync(Personas.ClientUser);

        var (status, page) = await tom.GetPageAsync($"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("you need to be a Super Admin, or have Add and edit users", page.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form[method=post] button[type=submit]"));
    }

    [Fact]
    public async Task R3_approving_makes_the_employee_Partner_Admin_with_a_partner_seat_and_emails_them()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);

        using var response = await maria.SubmitFormAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hana = await MembershipAsync(Personas.HarborCoffee, Personas.Hana);
        Assert.Equal(AccessType.PartnerAdmin, hana!.AccessType);
        Assert.Equal(SeatType.Partner, hana.Seat);
        Assert.Equal(Personas.Brightwave, hana.PartnerHubId);
        var (_, done) = await maria.GetPageAsync(BrowserLikeClient.LocationOf(response));
        Assert.Contains("Hana Sato now has access to Harbor Coffee Roasters as Partner Admin, Partner seat", done.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var mail = Assert.Single(await Fixture.DeliveredMailAsync());
        Assert.Contains($"To: {Personas.Hana}", mail, StringComparison.Ordinal);
        Assert.Contains("Harbor Coffee Roasters approved your access link", mail, StringComparison.Ordinal);
        var audit = await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.AccessLinkApproved).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(Personas.HarborCoffee, entry.AccountHubId);
        Assert.Equal(("No access", "Partner Admin, Partner seat"), (entry.Before, entry.After));
        Assert.Equal(await Fixture.UserIdAsync(Personas.ClientSuperAdmin), entry.ActorUserId);
    }

    [Fact]
    public async Task R3_approving_twice_is_harmless_and_an_existing_user_is_upgraded()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.OffDomainEmployee); // Emma: a User with Marketing in Harbor
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);
        var approve = new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" };

        (await maria.SubmitFormAsync($"/access/{token}", approve)).Dispose();
        var (_, again) = await maria.GetPageAsync($"/access/{token}");
        using var repeat = await maria.PostCraftedAsync($"/access/{token}", approve); // a second click, or a post sent twice
        var (_, after) = await maria.GetPageAsync(BrowserLikeClient.LocationOf(repeat));

        Assert.Null(again.QuerySelector("main form button[type=submit]")); // nothing left to approve
        Assert.Contains("already has this access", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing changed and no email was sent.", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessType.PartnerAdmin, (await MembershipAsync(Personas.HarborCoffee, Personas.OffDomainEmployee))!.AccessType);
        Assert.Single(await Fixture.DeliveredMailAsync());
        Assert.Equal(1, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessLinkApproved)));
    }

    [Fact]
    public async Task R3_approving_brings_an_ending_relationship_back_to_active()
    {
        await Fixture.InDbAsync(async db =>
        {
            var summit = await db.Relationships.SingleAsync(r => r.ClientHubId == Personas.SummitFitness);
            Assert.Equal(RelationshipState.Ending, summit.State);
            return 0;
        });
        using var grace = Fixture.CreateClient();
        await grace.SignInAsync("grace.kim@summitfitness.com");

        (await grace.SubmitFormAsync($"/access/{await Fixture.AccessLinkTokenAsync(Personas.Farah)}",
            new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.SummitFitness}" })).Dispose();

        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.ClientHubId == Personas.SummitFitness));
        Assert.Equal(RelationshipState.Active, relationship.State);
        Assert.Null(relationship.EndsAt);
    }

    [Fact]
    public async Task R2_approving_into_an_account_you_do_not_administer_is_refused_and_changes_nothing()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);
        var before = await MembershipsAsync(Personas.Vertex);

        using var response = await maria.SubmitFormAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.Vertex}" });

        // Not one of her accounts: the form says so, exactly as for a Hub ID that does not exist, and nothing changes.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose one of the accounts listed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await MembershipsAsync(Personas.Vertex));
    }

    [Fact]
    public async Task R4_a_link_cannot_be_approved_into_a_partner_account()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var noah = Fixture.CreateClient();
        await noah.SignInAsync(Personas.LumenSuperAdmin);

        var (_, page) = await noah.GetPageAsync($"/access/{token}");
        Assert.Empty(page.QuerySelectorAll("input[name='Data.ClientHubId']")); // never offered
        using var forged = await noah.PostCraftedAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.Lumen}" });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("cannot be approved into a partner account", (await BrowserLikeClient.ParseAsync(forged)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await MembershipAsync(Personas.Lumen, Personas.Hana));
    }

    [Fact]
    public async Task R4_resetting_a_link_stops_the_old_one_at_once()
    {
        using var ava = Fixture.CreateClient();
        await ava.SignInAsync(Personas.PartnerSuperAdmin);
        var old = await ShownLinkAsync(ava);

        using var reset = await ava.SubmitFormAsync($"{Cam}/access-link", new Dictionary<string, string>(), "main form[action*=Reset]");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var fresh = await ShownLinkAsync(ava);

        Assert.NotEqual(old, fresh);
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);
        var (oldStatus, oldPage) = await maria.GetPageAsync(new Uri(old).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, oldStatus);
        Assert.Equal("This access link isn't valid", oldPage.QuerySelector("h1")!.TextContent.Trim());
        using var approveOld = await maria.PostCraftedAsync(new Uri(old).PathAndQuery, new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" });
        Assert.Equal(HttpStatusCode.NotFound, approveOld.StatusCode);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessLinkApproved)));
        var (freshStatus, _) = await maria.GetPageAsync(new Uri(fresh).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, freshStatus);
    }

    [Fact]
    public async Task R4_only_the_owner_or_a_Super_Admin_resets_a_link()
    {
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        var before = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var ben = Fixture.CreateClient();
        await ben.SignInAsync(Personas.ClientAccessManager);

        var (_, page) = await ben.GetPageAsync($"{Cam}/access-link?employee={hana}");
        Assert.Null(page.QuerySelector("form[action*=Reset]")); // hidden from a client access manager
        using var forged = await ben.PostCraftedAsync($"{Cam}/access-link?handler=Reset&employee={hana}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(before, await Fixture.AccessLinkTokenAsync(Personas.Hana));

        using var ava = Fixture.CreateClient();
        await ava.SignInAsync(Personas.PartnerSuperAdmin);
        (await ava.SubmitFormAsync($"{Cam}/access-link?employee={hana}", new Dictionary<string, string>(), "main form[action*=Reset]")).Dispose();
        Assert.NotEqual(before, await Fixture.AccessLinkTokenAsync(Personas.Hana));
    }

    [Theory]
    [InlineData("not-a-real-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task R4_an_unknown_or_tampered_link_gets_a_clear_page_not_an_error(string token)
    {
        using var maria = Fixture.CreateClient();
        await maria.SignInAsync(Personas.ClientSuperAdmin);

        var (status, page) = await maria.GetPageAsync($"/access/{token}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Ask the partner employee who sent it", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R2_an_anonymous_visitor_is_asked_to_sign_in_and_comes_back_to_the_link()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var visitor = Fixture.CreateClient();

        using var response = await visitor.GetAsync($"/access/{token}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"ReturnUrl=%2Faccess%2F{token}", BrowserLikeClient.LocationOf(response), StringComparison.Ordinal);
    }

    /// <summary>
    /// R4: after a link is issued, copied and approved, the token appears in no column of any table;
    /// the hash finds it; the sealed copy cannot be opened without the app's own keys.
    /// </summary>
    [Fact]
    public async Task R4_tokens_are_stored_only_as_a_hash_and_a_sealed_copy_only_the_apps_keys_open()
    {
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var maria = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);
        (await maria.SubmitFormAsync($"/access/{token}", new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" })).Dispose();

        var columnsHoldingIt = await Fixture.InDbAsync(async db =>
        {
            var found = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
                foreach (var column in entity.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => p.GetColumnName()))
                {
                    var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{entity.GetTableName()}\" WHERE \"{column}\" LIKE {{0}}";
                    if (await db.Database.SqlQueryRaw<int>(sql, $"%{token[..16]}%").SingleAsync() > 0) found.Add($"{entity.GetTableName()}.{column}");
                }
            return found;
        });
        var sealedCopy = await Fixture.InDbAsync(db => db.AccessLinks.Where(l => l.TokenHash == AccessLink.HashOf(token)).Select(l => l.SealedToken).SingleAsync());
        // The same purpose, but another key ring: what someone holding only a copy of the database would have.
        var otherKeys = DataProtectionProvider.Create(Directory.CreateTempSubdirectory("partnerportal-other-keys"))
            .CreateProtector("PartnerPortal.AccessLinks.v1");

        Assert.Empty(columnsHoldingIt);
        Assert.Equal(64, AccessLink.HashOf(token).Length);
        Assert.NotEmpty(sealedCopy);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => otherKeys.Unprotect(sealedCopy));
    }
}
