using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Settings → Users &amp; Teams of a partner account: the users with their access, the Partner program tab's
/// Partner employee switch (R15), and the partner employee email domains (R7).
/// </summary>
public sealed class UsersAndTeamsTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record TeamWorld(long Agency, long Client, string Boss, string UsersAdmin, string Plain, Guid Pat, Guid Una, Guid Boss2, string OtherBoss, long Other);

    /// <summary>
    /// Team Agency: Bea (Super Admin), Ada (Add and edit users), Pat (partner employee, Partner Admin in Kite Client),
    /// Una (not a partner employee), Pia (a partner employee with no permissions). Rival Agency: Ola (Super Admin).
    /// </summary>
    private Task<TeamWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Team Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var admin = w.Employee(agency, "Ada Admin", permissions: Permission.AddAndEditUsers, partnerEmployee: false);
        var pat = w.Employee(agency, "Pat Partner", permissions: Permission.ClientAccessManager);
        var una = w.Employee(agency, "Una Untagged", partnerEmployee: false, email: "una@freelance.test");
        var plain = w.Employee(agency, "Pia Plain");
        var client = w.Client("Kite Client");
        w.Services(agency, client);
        w.Seat(client, agency, pat, AccessType.PartnerAdmin);
        var other = w.Partner("Rival Agency");
        var otherBoss = w.Employee(other, "Ola Other", AccessType.SuperAdmin);
        return new TeamWorld(agency.HubId, client.HubId, boss.Email, admin.Email, plain.Email, pat.Id, una.Id, boss.Id, otherBoss.Email, other.HubId);
    });

    private static List<string[]> Rows(IDocument page) =>
        page.QuerySelectorAll("table[aria-label=Users] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();

    private static string Alert(IDocument page) => string.Join(" ", page.QuerySelectorAll("[role=alert], [role=status]").Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task R15_users_and_teams_lists_every_user_with_their_access_whether_a_partner_employee_and_the_domain_checkmark()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);

        var (status, page) = await boss.GetPageAsync($"/{world.Agency}/settings/users");

        Assert.Equal(HttpStatusCode.OK, status);
        var rows = Rows(page);
        Assert.Equal(["Ada Admin", "Bea Boss", "Pat Partner", "Pia Plain", "Una Untagged"], rows.Select(r => r[0]));
        Assert.Equal(["Add and edit users", "Super Admin", "Client access manager", "No partner permissions", "No partner permissions"], rows.Select(r => r[2]));
        Assert.Equal(["No", "Yes", "Yes", "Yes", "No"], rows.Select(r => r[3]));
        // R7: the checkmark for emails on the partner's domain; Una's freelance address has none.
        Assert.Equal(4, page.QuerySelectorAll("table[aria-label=Users] [data-testid=partner-domain-check]").Length);
        Assert.Null(page.QuerySelector($"tr[data-user-id='{world.Una}'] [data-testid=partner-domain-check]"));
        Assert.Equal("Showing 1–5 of 5 users", page.QuerySelector("[data-testid=user-count]")!.TextContent.Trim());

        var (_, found) = await boss.GetPageAsync($"/{world.Agency}/settings/users?q=FREELANCE");
        Assert.Equal(["Una Untagged"], Rows(found).Select(r => r[0]));
    }

    [Fact]
    public async Task R15_only_Super_Admins_and_users_with_Add_and_edit_users_open_it_and_only_for_their_own_partner()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetPageAsync($"/{world.Agency}/settings/users")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetPageAsync($"/{world.Agency}/settings/users/{world.Pat}")).Status);

        using var plain = await Fixture.SignedInAsync(world.Plain);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetPageAsync($"/{world.Agency}/settings/users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetPageAsync($"/{world.Agency}/settings/users/{world.Pat}")).Status);
        var (_, home) = await plain.GetPageAsync($"/{world.Agency}/partner/dashboard");
        Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.TextContent.Contains("Users & Teams", StringComparison.Ordinal));

        // Another partner's Super Admin: not a member here; and a user of this partner through the other's address finds nobody.
        using var other = await Fixture.SignedInAsync(world.OtherBoss);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/{world.Agency}/settings/users")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/{world.Other}/settings/users/{world.Pat}")).Status);
        using var response = await other.PostCraftedAsync($"/{world.Other}/settings/users/{world.Pat}?handler=PartnerEmployee", [new("Data.On", "false")]);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.UserId == world.Pat && m.IsPartnerEmployee)));
    }

    [Fact]
    public async Task R15_switching_the_Partner_employee_switch_on_makes_them_an_employee_with_an_access_link_and_off_only_once_they_hold_no_partner_seat()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        var una = $"/{world.Agency}/settings/users/{world.Una}?tab=partner-program";

        var (_, before) = await admin.GetPageAsync(una);
        var toggle = before.QuerySelector("button[role=switch]")!;
        Assert.Equal("Partner employee", toggle.TextContent.Trim());
        Assert.Equal("false", toggle.GetAttribute("aria-checked"));

        using (var on = await admin.SubmitFormAsync(una, new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
            var (_, after) = await admin.GetPageAsync(BrowserLikeClient.LocationOf(on));
            Assert.Equal("true", after.QuerySelector("button[role=switch]")!.GetAttribute("aria-checked"));
            Assert.Contains("Una Untagged is now a partner employee", Alert(after), StringComparison.Ordinal);
            Assert.Contains("access link is ready", Alert(after), StringComparison.Ordinal);
        }
        // R1: she has her personal access link, and she is on the Employees tab.
        Assert.True(await Fixture.InDbAsync(db => db.AccessLinks.AnyAsync(l => l.PartnerHubId == world.Agency && l.EmployeeUserId == world.Una)));
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var (_, employees) = await boss.GetPageAsync($"/{world.Agency}/partner/client-access-manager/employees");
        Assert.Contains(employees.QuerySelectorAll("table[aria-label=Employees] tbody tr td:first-child a"), a => a.TextContent == "Una Untagged");

        // Off, while Pat still works for the agency in Kite Client on a partner seat: refused (SPEC §1, issue 22 defect 6), the page says where and what to do.
        var pat = $"/{world.Agency}/settings/users/{world.Pat}?tab=partner-program";
        var (_, patPage) = await admin.GetPageAsync(pat);
        Assert.Contains("work in 1 client account for you", patPage.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        using (var refused = await admin.SubmitFormAsync(pat, new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = (await BrowserLikeClient.ParseAsync(refused)).QuerySelector("main")!.TextContent;
            Assert.Contains("Pat Partner still works for Team Agency in 1 client account (Kite Client), on partner seats.", text, StringComparison.Ordinal);
            Assert.Contains("Offboard them first", text, StringComparison.Ordinal);
        }
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.UserId == world.Pat && m.IsPartnerEmployee)));
        Assert.Equal(AccessType.PartnerAdmin, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == world.Pat)
            .Select(m => m.AccessType).SingleAsync()));

        // Una holds no partner seat: off goes through, and she leaves the Employees tab.
        using (var off = await admin.SubmitFormAsync(una, new Dictionary<string, string>()))
        {
            var (_, after) = await admin.GetPageAsync(BrowserLikeClient.LocationOf(off));
            Assert.Equal("false", after.QuerySelector("button[role=switch]")!.GetAttribute("aria-checked"));
            Assert.Contains("Una Untagged is no longer a partner employee", Alert(after), StringComparison.Ordinal);
        }
        var (_, afterOff) = await boss.GetPageAsync($"/{world.Agency}/partner/client-access-manager/employees");
        Assert.DoesNotContain(afterOff.QuerySelectorAll("table[aria-label=Employees] tbody tr td:first-child a"), a => a.TextContent == "Una Untagged");
        // The change is in the partner account's audit trail, with who made it.
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == world.Agency && e.Action == AuditActions.PartnerEmployeeSwitchOff)));
    }

    [Fact]
    public async Task R15_a_user_without_Add_and_edit_users_cannot_flip_the_switch_and_nothing_changes()
    {
        var world = await BuildAsync();
        using var plain = await Fixture.SignedInAsync(world.Plain);

        using var response = await plain.PostCraftedAsync($"/{world.Agency}/settings/users/{world.Una}?handler=PartnerEmployee", [new("Data.On", "true")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.UserId == world.Una && m.IsPartnerEmployee)));
    }

    [Fact]
    public async Task R7_a_Super_Admin_adds_and_removes_email_domains_and_the_checkmarks_follow_at_once()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/settings/partner-email-domains";
        static bool Checked(IDocument page, Guid user) => page.QuerySelector($"tr[data-user-id='{user}'] [data-testid=partner-domain-check]") is not null;

        using (var added = await boss.SubmitFormAsync(url, new Dictionary<string, string> { ["Data.Domain"] = "  @Freelance.TEST " }, "form[action*=Add]"))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, domains) = await boss.GetPageAsync(url);
        Assert.Contains("freelance.test", domains.QuerySelectorAll("ul[aria-label='Partner employee email domains'] li span").Select(s => s.TextContent));
        var (_, users) = await boss.GetPageAsync($"/{world.Agency}/settings/users");
        Assert.True(Checked(users, world.Una));

        using (var removed = await boss.SubmitFormAsync(url, new Dictionary<string, string> { ["domain"] = "freelance.test" }, "form[action*=Remove]:has(input[value='freelance.test'])"))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var (_, afterRemove) = await boss.GetPageAsync($"/{world.Agency}/settings/users");
        Assert.False(Checked(afterRemove, world.Una));
    }

    [Theory]
    [InlineData("gmail.com", "gmail.com is a shared mail domain")]
    [InlineData("not a domain", "is not a domain name such as agency.com")]
    [InlineData("", "Enter a domain such as agency.com.")]
    public async Task R7_a_shared_or_malformed_domain_is_refused_with_the_reason_and_nothing_is_added(string domain, string reason)
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/settings/partner-email-domains";
        var before = await Fixture.InDbAsync(db => db.PartnerEmailDomains.CountAsync(d => d.PartnerHubId == world.Agency));

        using var response = await boss.SubmitFormAsync(url, new Dictionary<string, string> { ["Data.Domain"] = domain }, "form[action*=Add]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, (await BrowserLikeClient.ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Fixture.InDbAsync(db => db.PartnerEmailDomains.CountAsync(d => d.PartnerHubId == world.Agency)));
    }

    [Fact]
    public async Task R7_a_domain_belongs_to_one_partner_only_even_when_two_partners_add_it_at_once()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        using var other = await Fixture.SignedInAsync(world.OtherBoss);
        var ours = await boss.AntiforgeryTokenAsync();
        var theirs = await other.AntiforgeryTokenAsync();

        var answers = await Task.WhenAll(
            boss.PostRawAsync($"/{world.Agency}/settings/partner-email-domains?handler=Add", [new("Data.Domain", "shared-agency.test"), new("__RequestVerificationToken", ours)]),
            other.PostRawAsync($"/{world.Other}/settings/partner-email-domains?handler=Add", [new("Data.Domain", "shared-agency.test"), new("__RequestVerificationToken", theirs)]));

        Assert.Equal(1, await Fixture.InDbAsync(db => db.PartnerEmailDomains.CountAsync(d => d.Domain == "shared-agency.test")));
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Contains("is the partner employee email domain of another partner", (await BrowserLikeClient.ParseAsync(loser)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task R7_only_a_Super_Admin_changes_the_domains_a_user_with_Add_and_edit_users_sees_them_only()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        var url = $"/{world.Agency}/settings/partner-email-domains";

        var (status, page) = await admin.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector("form[action*=Add]"));
        Assert.Contains("Only a Super Admin can add or remove partner employee email domains.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var before = await Fixture.InDbAsync(db => db.PartnerEmailDomains.CountAsync(d => d.PartnerHubId == world.Agency));
        using var add = await admin.PostCraftedAsync($"{url}?handler=Add", [new("Data.Domain", "sneaky.test")]);
        using var remove = await admin.PostCraftedAsync($"{url}?handler=Remove", [new("domain", "agency.test")]);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(before, await Fixture.InDbAsync(db => db.PartnerEmailDomains.CountAsync(d => d.PartnerHubId == world.Agency)));
    }


    [Fact]
    public async Task Create_user_emails_a_one_time_link_to_set_a_password_never_a_password_and_the_new_user_signs_in()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        var create = $"/{world.Agency}/settings/users/create";

        using (var created = await admin.SubmitFormAsync(create, new List<KeyValuePair<string, string>>
               {
                   new("Data.Email", " Nia.New@Agency-Team.test "), new("Data.Name", "Nia New"), new("Data.Permissions", "ClientAccessManager"),
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var (_, users) = await admin.GetPageAsync(BrowserLikeClient.LocationOf(created));
            Assert.Contains("Nia New was added. We emailed nia.new@agency-team.test a link to set their password.", Alert(users), StringComparison.Ordinal);
            var nia = Rows(users).Single(r => r[0] == "Nia New");
            Assert.Equal(["Client access manager", "Yes"], nia[2..]);
        }
        var mail = await Fixture.InDbAsync(db => db.Outbox.Where(m => m.To == "nia.new@agency-team.test").ToListAsync());
        var body = Assert.Single(mail).Body;
        var link = System.Text.RegularExpressions.Regex.Match(body, @"/welcome/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("password:", body, StringComparison.OrdinalIgnoreCase);
        // Only the token's hash is kept.
        var token = link["/welcome/".Length..];
        Assert.False(await Fixture.InDbAsync(db => db.UserInvitations.AnyAsync(i => i.TokenHash == token)));

        using var newcomer = Fixture.CreateClient();
        var (status, welcome) = await newcomer.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("nia.new@agency-team.test", BrowserLikeClient.MainText(welcome), StringComparison.Ordinal);
        using (var mismatch = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "correct horse", ["Data.ConfirmPassword"] = "correct hose" }))
            Assert.Contains("The two passwords are not the same.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(mismatch)), StringComparison.Ordinal);
        using (var set = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "correct horse", ["Data.ConfirmPassword"] = "correct horse" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            var (_, signIn) = await newcomer.GetPageAsync(BrowserLikeClient.LocationOf(set));
            Assert.Contains("Your password is set.", Alert(signIn), StringComparison.Ordinal);
        }
        // The link works once.
        var (again, used) = await newcomer.GetPageAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Contains(UserInvitation.UsedOrExpired, BrowserLikeClient.MainText(used), StringComparison.Ordinal);

        using var signedIn = await Fixture.SignedInAsync("nia.new@agency-team.test", "correct horse");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetPageAsync($"/{world.Agency}/partner/client-access-manager")).Status);
    }

    [Fact]
    public async Task Create_user_refuses_an_existing_user_a_bad_email_and_a_Super_Admin_made_by_a_non_Super_Admin()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        var create = $"/{world.Agency}/settings/users/create";
        var before = await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == world.Agency));

        var (_, form) = await admin.GetPageAsync(create);
        Assert.Null(form.QuerySelector("input[name='Data.SuperAdmin']")); // not offered to a non-Super Admin
        foreach (var (fields, message) in new (Dictionary<string, string>, string)[]
                 {
                     (new() { ["Data.Email"] = world.Plain, ["Data.Name"] = "Again" }, $"{world.Plain} already is a user of Team Agency."),
                     (new() { ["Data.Email"] = "not an email", ["Data.Name"] = "Bad" }, "Enter an email address such as name@agency.com."),
                     (new() { ["Data.Email"] = "ok@agency.test", ["Data.Name"] = "  " }, "Enter the user's name."),
                     (new() { ["Data.Email"] = "ok@agency.test", ["Data.Name"] = "Ok", ["Data.Permissions"] = "EditBilling" }, "Permissions can be Client access manager"),
                     (new() { ["Data.Email"] = "boss2@agency.test", ["Data.Name"] = "Boss Two", ["Data.SuperAdmin"] = "true" }, PartnerAccount.OnlySuperAdminsMakeSuperAdmins),
                 })
        {
            using var response = await admin.PostCraftedAsync(create, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(response)), StringComparison.Ordinal);
        }
        Assert.Equal(before, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == world.Agency)));
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To == "boss2@agency.test" || m.To == "ok@agency.test")));
    }

    [Fact]
    public async Task Someone_who_already_signs_in_elsewhere_is_invited_not_added_and_the_account_sees_only_the_email_until_they_accept()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);

        using var response = await boss.PostCraftedAsync($"/{world.Agency}/settings/users/create",
            [new("Data.Email", world.OtherBoss), new("Data.Name", "Whatever Name"), new("Data.PartnerEmployee", "false")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, users) = await boss.GetPageAsync(BrowserLikeClient.LocationOf(response));
        Assert.Contains($"We invited {world.OtherBoss} to Team Agency: they join when they accept", Alert(users), StringComparison.Ordinal);
        Assert.DoesNotContain("Ola Other", users.QuerySelector("main")!.TextContent, StringComparison.Ordinal); // her real name stays hers
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.UserEmail == world.OtherBoss)));
        Assert.Equal(0, await Fixture.InDbAsync(db => db.UserInvitations.CountAsync(i => i.AccountHubId == world.Agency))); // no password link: she has one
        using (var again = await boss.PostCraftedAsync($"/{world.Agency}/settings/users/create", [new("Data.Email", world.OtherBoss), new("Data.Name", "Ola")]))
            Assert.Contains("has an invitation to Team Agency already", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(again)), StringComparison.Ordinal);

        using var ola = await Fixture.SignedInAsync(world.OtherBoss);
        Assert.Equal(HttpStatusCode.NotFound, (await ola.GetPageAsync($"/{world.Agency}/partner/dashboard")).Status);
        var (_, invitations) = await ola.GetPageAsync("/invitations");
        var row = invitations.QuerySelector("tr[data-invitation]")!;
        Assert.Contains("Team Agency", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bea Boss", row.TextContent, StringComparison.Ordinal);

        // Nobody else can answer it; she accepts, and only then is she a user there.
        using (var notHers = await boss.PostCraftedAsync("/invitations?handler=Accept", [new("invitation", row.GetAttribute("data-invitation")!)]))
            Assert.Equal(HttpStatusCode.NotFound, notHers.StatusCode);
        using (var accepted = await ola.SubmitFormAsync("/invitations", new Dictionary<string, string>(), "main form[action*=Accept]"))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.UserEmail == world.OtherBoss && !m.IsPartnerEmployee)));
        Assert.Equal(HttpStatusCode.OK, (await ola.GetPageAsync($"/{world.Agency}/partner/dashboard")).Status);
        Assert.Contains(await Fixture.DeliveredMailAsync(), m => m.Contains(world.OtherBoss, StringComparison.Ordinal) && m.Contains("invites you to Team Agency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_invites_someone_who_signs_in_elsewhere_and_a_declined_invitation_makes_nothing()
    {
        var (client, owner, outsider) = await Fixture.BuildAsync(w =>
        {
            var client = w.Client("Invite Co");
            var elsewhere = w.Client("Elsewhere Co");
            return (client.HubId, WorldBuilder.OwnerOf(client).Email, WorldBuilder.OwnerOf(elsewhere).Email);
        });
        using var admin = await Fixture.SignedInAsync(owner);
        var set = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == client && s.Name == "Sales").Select(s => s.Id).SingleAsync());

        using var invited = await admin.PostCraftedAsync($"/{client}/client/users/create?handler=Invite",
            [new("Data.Email", outsider), new("Data.Access", "Set"), new("Data.PermissionSetId", $"{set}"), new("Data.Seat", "Core")]);

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == client && m.UserEmail == outsider)));
        using var other = await Fixture.SignedInAsync(outsider);
        using (var declined = await other.SubmitFormAsync("/invitations", new Dictionary<string, string>(), "main form[action*=Decline]"))
            Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == client && m.UserEmail == outsider)));
        var (_, after) = await other.GetPageAsync("/invitations");
        Assert.Contains("You have no open invitations.", BrowserLikeClient.MainText(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_permissions_only_a_Super_Admin_makes_or_unmakes_a_Super_Admin_and_the_partner_keeps_one()
    {
        var world = await BuildAsync();
        using var admin = await Fixture.SignedInAsync(world.UsersAdmin);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        string Url(Guid user) => $"/{world.Agency}/settings/users/{user}?handler=Access";

        // Add and edit users: Pat's permissions change; making him (or leaving Bea as other than) Super Admin is refused.
        using (var ok = await admin.PostCraftedAsync(Url(world.Pat), [new("Access.Permissions", "PartnerEmployeeManagement"), new("Access.Permissions", "ClientAccessManager")]))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(Permission.ClientAccessManager | Permission.PartnerEmployeeManagement,
            await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Agency && m.UserId == world.Pat).Select(m => m.ExplicitPermissions).SingleAsync()));
        using (var refused = await admin.PostCraftedAsync(Url(world.Pat), [new("Access.SuperAdmin", "true")]))
            Assert.Contains(PartnerAccount.OnlySuperAdminsMakeSuperAdmins, BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);
        using (var refused = await admin.PostCraftedAsync(Url(world.Boss2), [new("Access.Permissions", "ClientAccessManager")]))
            Assert.Contains(PartnerAccount.OnlySuperAdminsMakeSuperAdmins, BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(refused)), StringComparison.Ordinal);

        // Bea, the only Super Admin, cannot step down; once Pat is Super Admin she can.
        using (var alone = await boss.PostCraftedAsync(Url(world.Boss2), [new("Access.Permissions", "ClientAccessManager")]))
            Assert.Contains("always keeps one Super Admin", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(alone)), StringComparison.Ordinal);
        using (var promoted = await boss.PostCraftedAsync(Url(world.Pat), [new("Access.SuperAdmin", "true")]))
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        using (var down = await boss.PostCraftedAsync(Url(world.Boss2), [new("Access.Permissions", "AddAndEditUsers")]))
            Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.Equal([AccessType.SuperAdmin], await Fixture.InDbAsync(db => db.Memberships
            .Where(m => m.AccountHubId == world.Agency && m.AccessType == AccessType.SuperAdmin).Select(m => m.AccessType).ToListAsync()));
    }

    [Fact]
    public async Task Two_Super_Admins_stepping_each_other_down_at_once_leave_one_Super_Admin()
    {
        var (agency, first, second, firstId, secondId) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Race Agency");
            var a = w.Employee(agency, "Ann First", AccessType.SuperAdmin);
            var b = w.Employee(agency, "Bob Second", AccessType.SuperAdmin);
            return (agency.HubId, a.Email, b.Email, a.Id, b.Id);
        });
        using var ann = await Fixture.SignedInAsync(first);
        using var bob = await Fixture.SignedInAsync(second);
        var annToken = await ann.AntiforgeryTokenAsync();
        var bobToken = await bob.AntiforgeryTokenAsync();

        var answers = await Task.WhenAll(
            ann.PostRawAsync($"/{agency}/settings/users/{secondId}?handler=Access", [new("Access.Permissions", "ClientAccessManager"), new("__RequestVerificationToken", annToken)]),
            bob.PostRawAsync($"/{agency}/settings/users/{firstId}?handler=Access", [new("Access.Permissions", "ClientAccessManager"), new("__RequestVerificationToken", bobToken)]));

        Assert.Equal(1, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.AccountHubId == agency && m.AccessType == AccessType.SuperAdmin)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task Twenty_admins_creating_the_same_new_user_at_once_make_one_user_one_invitation_and_one_email()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var token = await boss.AntiforgeryTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => boss.PostRawAsync($"/{world.Agency}/settings/users/create",
            [new("Data.Email", "twin@agency-team.test"), new("Data.Name", "Tia Twin"), new("__RequestVerificationToken", token)])));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)a.StatusCode}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var answer in answers) answer.Dispose();
        Assert.Equal(1, await Fixture.InDbAsync(db => db.DomainUsers.CountAsync(u => u.Email == "twin@agency-team.test")));
        Assert.Equal(1, await Fixture.InDbAsync(db => db.UserInvitations.CountAsync(i => i.AccountHubId == world.Agency)));
        Assert.Equal(1, await Fixture.InDbAsync(db => db.Outbox.CountAsync(m => m.To == "twin@agency-team.test")));
    }
}
