using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using Reviews = PartnerPortal.Web.Pages.Partner.AccessReviews.IndexModel;
using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Issue 22: the defects found inside a client, each through the real pipeline, each held by SPEC §3 "who may change whom"
/// (<see cref="WhoMayChangeWhom"/>): nobody from a partner removes or demotes a client's Super Admin, nobody touches another
/// partner's people, and revoking a partner is the client's own decision.
/// </summary>
public sealed class WhoMayChangeWhomTests(PortalFixture fixture) : PortalTest(fixture)
{
    /// <summary>
    /// Rule Agency (A): Bea (Super Admin), Cam (Client access manager, in no client), Pam (Partner Admin in Rule Client), Sue (a Super
    /// Admin of Rule Client for A), Kit (a plain employee). Other Agency (B): Ola (Super Admin), Bob (Partner Admin in Rule Client) and Sam
    /// (B's employee, a Super Admin of Rule Client). Rule Client's own Super Admin is Rose. Both agencies service it.
    /// </summary>
    private sealed record World(long A, long B, long Client, string Boss, string Cam, string Pam, string Owner, Guid BossId, Guid PamId, Guid SueId,
        Guid BobId, Guid SamId, Guid KitId);

    private Task<World> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var a = w.Partner("Rule Agency");
        var boss = w.Employee(a, "Bea Boss", AccessType.SuperAdmin);
        var cam = w.Employee(a, "Cam Manager", permissions: Permission.ClientAccessManager);
        var pam = w.Employee(a, "Pam Admin");
        var sue = w.Employee(a, "Sue Super");
        var kit = w.Employee(a, "Kit Plain");
        var b = w.Partner("Other Agency");
        w.Employee(b, "Ola Other", AccessType.SuperAdmin);
        var bob = w.Employee(b, "Bob Other");
        var sam = w.Employee(b, "Sam Other");
        var client = w.Client("Rule Client");
        w.Services(a, client);
        w.Services(b, client);
        w.Seat(client, a, pam, AccessType.PartnerAdmin);
        w.Seat(client, a, sue, AccessType.SuperAdmin);
        w.Seat(client, a, kit, AccessType.User, "Marketing");
        w.Seat(client, b, bob, AccessType.PartnerAdmin);
        w.Member(client, sam, AccessType.SuperAdmin);
        w.Activity(client, a, pam, daysAgo: 1);
        return new World(a.HubId, b.HubId, client.HubId, boss.Email, cam.Email, pam.Email, WorldBuilder.OwnerOf(client).Email, boss.Id, pam.Id, sue.Id,
            bob.Id, sam.Id, kit.Id);
    });

    private Task<Membership?> MemberAsync(long hubId, Guid userId) =>
        Fixture.InDbAsync(db => db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.AccountHubId == hubId && m.UserId == userId));

    private static KeyValuePair<string, string> F(string name, object value) => new(name, $"{value}");

    [Fact]
    public async Task B4_SPEC3_a_client_access_manager_with_no_membership_there_offboards_but_never_removes_a_Super_Admin_of_the_client()
    {
        var w = await BuildAsync();

        var result = await Fixture.SendAsync(new OffboardModel.Command(w.A, w.SueId, AlsoFromPartner: false), w.Cam);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("They stay in 1 client account, where only the client can remove them", result.Value, StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, (await MemberAsync(w.Client, w.SueId))!.AccessType);
        // The receipt and the client's trail say why; the client's Super Admins are told.
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == w.Client && e.Action == "Partner employee offboarded: stays"
            && e.After!.Contains("only the client's own Super Admins"))));
        var mail = await Fixture.DeliveredMailAsync();
        Assert.Contains(mail, m => m.Contains(w.Owner, StringComparison.Ordinal) && m.Contains("Sue Super of Rule Agency stays in your account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task B4_SPEC3_a_client_access_manager_who_is_not_a_Super_Admin_never_offboards_the_partners_own_Super_Admin()
    {
        var w = await BuildAsync();
        var before = await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == w.BossId));

        var result = await Fixture.SendAsync(new OffboardModel.Command(w.A, w.BossId, AlsoFromPartner: false), w.Cam);

        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Contains("Bea Boss is a Super Admin of Rule Agency: only another Super Admin of Rule Agency can offboard or remove them.", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Fixture.InDbAsync(db => db.Memberships.CountAsync(m => m.UserId == w.BossId)));
        using var cam = await Fixture.SignedInAsync(w.Cam);
        using var review = await cam.PostCraftedAsync($"/{w.A}/partner/dashboard/employees/{w.BossId}/offboard?handler=Review", []);
        var page = await BrowserLikeClient.ParseAsync(review);
        Assert.Null(page.QuerySelector("main form[action*=Confirm]")); // the page offers nothing it would refuse
    }

    [Fact]
    public async Task R20_SPEC3_whoever_stays_in_a_client_after_leaving_the_partner_is_the_clients_own_user_there_with_no_seat_or_credit()
    {
        var w = await BuildAsync();

        var result = await Fixture.SendAsync(new Pages.Settings.RemoveUserModel.Command(w.A, w.SueId), w.Boss);

        Assert.True(result.Succeeded, result.Message);
        var sue = (await MemberAsync(w.Client, w.SueId))!;
        Assert.Equal((AccessType.SuperAdmin, (long?)null, SeatType.Core, false), (sue.AccessType, sue.PartnerHubId, sue.Seat, sue.LinkedForManagedCredit));
        // R21 is freed: another partner may now take her on.
        Assert.Null(await MemberAsync(w.A, w.SueId));
    }

    [Fact]
    public async Task B5_SPEC3_Remove_ticked_removes_only_stale_access_the_actor_may_remove_and_leaves_the_rest_alone()
    {
        var w = await BuildAsync();
        Assert.True((await Fixture.SendAsync(new Reviews.Policy(w.A, 30, false), w.Boss)).Succeeded); // Kit and Sue: 50 days, no activity
        string Key(Guid user) => Reviews.Key(w.Client, user);

        var result = await Fixture.SendAsync(new Reviews.Decide(w.A, [Key(w.PamId), Key(w.SueId), Key(w.BobId), Key(w.KitId)], "remove", "Project over"), w.Cam);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(await MemberAsync(w.Client, w.KitId));                                          // stale and A's: removed
        Assert.NotNull(await MemberAsync(w.Client, w.PamId));                                       // active yesterday: not stale, not decided
        Assert.Equal(AccessType.SuperAdmin, (await MemberAsync(w.Client, w.SueId))!.AccessType);    // a Super Admin of the client: stays
        Assert.NotNull(await MemberAsync(w.Client, w.BobId));                                       // another partner's: never A's to decide
        Assert.Contains("Removed 1 access", result.Value, StringComparison.Ordinal);

        var nothingStale = await Fixture.SendAsync(new Reviews.Decide(w.A, [Key(w.PamId)], "remove", "Forged"), w.Cam);
        Assert.Equal(ResultStatus.Refused, nothingStale.Status);
        Assert.NotNull(await MemberAsync(w.Client, w.PamId));
    }

    [Fact]
    public async Task R13_SPEC3_a_Partner_Admin_migrates_only_Super_Admins_who_are_employees_of_their_own_partner_from_the_clients_user_page()
    {
        var w = await BuildAsync();
        using var pam = await Fixture.SignedInAsync(w.Pam);

        using var other = await pam.PostCraftedAsync($"/{w.Client}/client/users/{w.SamId}?handler=Migrate", [F("keepBilling", "false")]);
        using var own = await pam.PostCraftedAsync($"/{w.Client}/client/users/{w.SueId}?handler=Migrate", [F("keepBilling", "false")]);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("A Partner Admin can change only Super Admins who are employees of their own partner to Partner Admin",
            await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, (await MemberAsync(w.Client, w.SamId))!.AccessType);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(AccessType.PartnerAdmin, (await MemberAsync(w.Client, w.SueId))!.AccessType);
    }

    [Fact]
    public async Task R23_SPEC3_a_Partner_Admin_is_never_offered_Revoke_for_any_partner_and_the_handler_refuses_it()
    {
        var w = await BuildAsync();
        using var pam = await Fixture.SignedInAsync(w.Pam);
        var relationships = await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == w.Client).OrderBy(r => r.Id).Select(r => $"{r.PartnerHubId}:{r.State}").ToListAsync());

        var (_, partners) = await pam.GetPageAsync($"/{w.Client}/client/partners");
        using var page = await pam.GetAsync($"/{w.Client}/client/partners/{w.B}/revoke");
        using var posted = await pam.PostCraftedAsync($"/{w.Client}/client/partners/{w.B}/revoke", [F("confirm", "true")]);
        using var own = await pam.PostCraftedAsync($"/{w.Client}/client/partners/{w.A}/revoke", [F("confirm", "true")]);

        Assert.Empty(partners.QuerySelectorAll("a[href*='/revoke']"));
        Assert.Contains("Revoking a partner is Rule Client's own decision", partners.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode); // refused by the domain, and the page it would show again is not theirs
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var refusal = await Fixture.SendAsync(new Pages.ClientAccount.RevokePartnerModel.Command(w.Client, w.B, Confirm: true), w.Pam);
        Assert.Contains("Revoking a partner is Rule Client's own decision", refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(await MemberAsync(w.Client, w.BobId));
        Assert.Equal(relationships, await Fixture.InDbAsync(db => db.Relationships.Where(r => r.ClientHubId == w.Client).OrderBy(r => r.Id).Select(r => $"{r.PartnerHubId}:{r.State}").ToListAsync()));

        // The client's own Super Admin still can.
        using var owner = await Fixture.SignedInAsync(w.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"/{w.Client}/client/partners/{w.B}/revoke", [F("confirm", "true")])).StatusCode);
        Assert.Null(await MemberAsync(w.Client, w.BobId));
    }

    [Fact]
    public async Task B2_SPEC3_a_Partner_Admin_reads_the_ledger_but_is_offered_no_revoke_or_end_date_and_the_handlers_refuse_them()
    {
        var w = await BuildAsync();
        using var pam = await Fixture.SignedInAsync(w.Pam);

        var (_, ledger) = await pam.GetPageAsync($"/{w.Client}/client/partner-access");
        using var revoke = await pam.PostCraftedAsync($"/{w.Client}/client/partner-access?handler=Revoke", [F("users", w.BobId)]);
        using var end = await pam.PostCraftedAsync($"/{w.Client}/client/partner-access?handler=EndDate", [F("user", w.BobId), F("endsOn", "2099-01-01")]);

        Assert.NotNull(ledger.QuerySelector("[data-testid=read-only]"));
        Assert.Empty(ledger.QuerySelectorAll("button[form=revoke-form], input[name=endsOn]"));
        Assert.Contains("works in Rule Client for another partner", await revoke.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("works in Rule Client for another partner", await end.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bob = (await MemberAsync(w.Client, w.BobId))!;
        Assert.Null(bob.ExpiresAt);
    }

    [Fact]
    public async Task B2_B5_partner_access_given_to_someone_who_already_was_the_clients_own_user_is_granted_now()
    {
        var (agency, client, boss, lena) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Grant Agency");
            var boss = w.Employee(agency, "Gil Grant", AccessType.SuperAdmin);
            var lena = w.Employee(agency, "Lena Local");
            var client = w.Client("Grant Client");
            w.Services(agency, client);
            w.Seat(client, agency, boss, AccessType.PartnerAdmin);
            w.Member(client, lena); // the client's own user since 60 days ago
            return (agency.HubId, client.HubId, boss.Email, lena.Id);
        });
        var set = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == client && s.Name == "Marketing").Select(s => s.Id).SingleAsync());

        var added = await Fixture.SendAsync(new Pages.Partner.ClientAccessManager.AddEmployeesModel.Command
            { PartnerHubId = agency, ClientHubId = client, EmployeeIds = [lena], PermissionSetId = set }, boss);

        Assert.True(added.Succeeded, added.Message);
        var membership = (await MemberAsync(client, lena))!;
        Assert.Equal(agency, membership.PartnerHubId);
        Assert.InRange(membership.GrantedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("Added by Gil Grant through the Client Access Manager", membership.GrantedVia);
    }

    [Fact]
    public async Task B1_adding_and_removing_a_partner_employee_email_domain_is_in_the_partners_audit_trail()
    {
        var w = await BuildAsync();

        Assert.True((await Fixture.SendAsync(new Pages.Settings.EmailDomainsModel.AddDomain { HubId = w.A, Domain = "rule-agency.example" }, w.Boss)).Succeeded);
        Assert.True((await Fixture.SendAsync(new Pages.Settings.EmailDomainsModel.RemoveDomain { HubId = w.A, Domain = "rule-agency.example" }, w.Boss)).Succeeded);

        var entries = await Fixture.InDbAsync(db => db.AuditEntries.Where(e => e.AccountHubId == w.A && e.Subject == "Email domain rule-agency.example")
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorUserId }).ToListAsync());
        Assert.Equal([AuditActions.PartnerEmployeeEmailDomainAdded, AuditActions.PartnerEmployeeEmailDomainRemoved], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(w.BossId, e.ActorUserId));
    }

    [Fact]
    public async Task R7_R15_SPEC3_managed_MRR_counts_only_clients_where_the_partner_has_a_credited_employee()
    {
        var (agency, boss) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Credit Agency");
            var boss = w.Employee(agency, "Cora Credit", AccessType.SuperAdmin);
            var counted = w.Employee(agency, "Cal Counted");
            var switchedOff = w.Employee(agency, "Sol Switched", partnerEmployee: false);
            var worked = w.Client("Worked Co", monthlyRecurringRevenue: 2_000m);
            w.Services(agency, worked);
            w.Seat(worked, agency, counted, AccessType.PartnerAdmin);
            var offOnly = w.Client("Switched Off Co", monthlyRecurringRevenue: 5_000m); // its only worker's switch is off (R15)
            w.Services(agency, offOnly);
            w.Seat(offOnly, agency, switchedOff, AccessType.PartnerAdmin);
            var empty = w.Client("Nobody Co", monthlyRecurringRevenue: 7_000m); // serviced, with nobody of the agency there
            w.Services(agency, empty);
            return (agency.HubId, boss.Email);
        });
        using var cora = await Fixture.SignedInAsync(boss);

        var (_, page) = await cora.FollowAsync($"/{agency}/partner/dashboard");

        Assert.Equal("$2,000", page.QuerySelector("[data-testid=managed-mrr]")!.TextContent.Trim());
        Assert.Equal("20", page.QuerySelector("[data-testid=managed-points]")!.TextContent.Trim());
    }
}
