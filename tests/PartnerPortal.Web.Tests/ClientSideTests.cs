using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>The client's own side (seeds 001, 004): R22–R24, R23, R28, B2 and qualifying activity on the client's pages.</summary>
public sealed class ClientSideTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record ClientWorld(long Agency, string Boss, long Far, string Fay, long Cafe, string Owner, Guid OwnerId, string Kim, Guid KimId,
        string Pat, Guid PatId, string Oz, string Una, Guid CalId);

    /// <summary>
    /// Agency services Cafe Co, where Kim is its Partner Admin and Pat (on the agency's domain) is a Super Admin of Cafe's own;
    /// Oz is an agency employee off its domain and not assigned to Cafe; Una is an agency user whose Partner employee switch is
    /// off; Far Agency (Fay) does not service Cafe. Cal is one of Cafe's own users.
    /// </summary>
    private Task<ClientWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Side Agency");
        var boss = w.Employee(agency, "Bo Side", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Admin");
        var pat = w.Employee(agency, "Pat Super");
        var oz = w.Employee(agency, "Oz Off", email: $"oz.off.{Guid.NewGuid():N}@gmail.test");
        var una = w.Employee(agency, "Una Untagged", partnerEmployee: false);
        var far = w.Partner("Far Agency");
        var fay = w.Employee(far, "Fay Far", AccessType.SuperAdmin);
        var cafe = w.Client("Cafe Co");
        w.Services(agency, cafe, activityDaysAgo: 10);
        w.Seat(cafe, agency, kim, AccessType.PartnerAdmin);
        w.Member(cafe, pat, AccessType.SuperAdmin);
        var cal = w.Person("Cal User");
        w.Member(cafe, cal);
        var owner = WorldBuilder.OwnerOf(cafe);
        return new ClientWorld(agency.HubId, boss.Email, far.HubId, fay.Email, cafe.HubId, owner.Email, owner.Id, kim.Email, kim.Id, pat.Email, pat.Id,
            oz.Email, una.Email, cal.Id);
    });

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private Task<Membership?> MemberAsync(long hubId, Guid userId) =>
        Fixture.InDbAsync(db => db.Memberships.AsNoTracking().Include(m => m.PermissionSet).SingleOrDefaultAsync(m => m.AccountHubId == hubId && m.UserId == userId));

    [Fact]
    public async Task R24_Create_user_offers_the_Partner_Admin_template_only_to_eligible_partner_employees_who_then_get_a_partner_seat()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var create = $"/{world.Cafe}/client/users/create";

        var eligible = await BrowserLikeClient.ParseAsync(await owner.PostCraftedAsync($"{create}?handler=Next", [F("Data.Email", world.Boss)]));
        Assert.False(eligible.QuerySelector("#access-template")!.HasAttribute("disabled"));
        Assert.Equal("Partner Admin", eligible.QuerySelector("label[for=template-partner-admin]")!.TextContent.Trim());
        // About its own partners the client is told which condition fails; about anyone else (someone new, another agency's
        // employee) only that they are no employee of its partners — never which agency they work for.
        foreach (var (email, why) in new[] { (world.Oz, "not on Side Agency's email domain"), (world.Una, "Side Agency has not tagged"),
                     ("new.person@cafe.test", "not an employee of a partner that services this account"), (world.Fay, "not an employee of a partner that services this account") })
        {
            var page = await BrowserLikeClient.ParseAsync(await owner.PostCraftedAsync($"{create}?handler=Next", [F("Data.Email", email)]));
            Assert.Null(page.QuerySelector("#template-partner-admin"));
            var text = page.QuerySelector("[data-testid=no-template]")!.TextContent;
            Assert.Contains(why, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Far Agency", text, StringComparison.Ordinal);
        }

        // Posted directly, the template is refused for someone not eligible, and nothing changes.
        var refused = await owner.PostCraftedAsync($"{create}?handler=Invite", [F("Data.Email", world.Oz), F("Data.Access", "PartnerAdmin")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not on Side Agency's email domain", (await BrowserLikeClient.ParseAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await MemberAsync(world.Cafe, await Fixture.UserIdAsync(world.Oz)));

        var invited = await owner.PostCraftedAsync($"{create}?handler=Invite", [F("Data.Email", world.Boss), F("Data.Access", "PartnerAdmin")]);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var boss = await MemberAsync(world.Cafe, await Fixture.UserIdAsync(world.Boss));
        Assert.Equal(AccessType.PartnerAdmin, boss!.AccessType);
        Assert.Equal(SeatType.Partner, boss.Seat);
        Assert.Equal(world.Agency, boss.PartnerHubId);
        Assert.StartsWith("Created as Partner Admin by", boss.GrantedVia, StringComparison.Ordinal);
        Assert.Contains(await Fixture.DeliveredMailAsync(), m => m.Contains(world.Boss, StringComparison.Ordinal) && m.Contains("added you to Cafe Co", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R28_a_Partner_Admin_is_not_offered_and_is_refused_Super_Admins_billing_and_security_settings()
    {
        var world = await BuildAsync();
        using var kim = await Fixture.SignedInAsync(world.Kim);

        var (_, create) = await kim.FollowAsync($"/{world.Cafe}/client/users/create");
        Assert.Null(create.QuerySelector("#access-super-admin"));
        var (_, billing) = await kim.GetPageAsync($"/{world.Cafe}/client/billing");
        Assert.NotNull(billing.QuerySelector("[data-testid=read-only]"));
        var (_, security) = await kim.GetPageAsync($"/{world.Cafe}/client/security");
        Assert.NotNull(security.QuerySelector("[data-testid=read-only]"));
        Assert.Empty(security.QuerySelectorAll("main form[method=post]"));

        // Posted directly: each is refused with the reason and changes nothing.
        var makeSuperAdmin = await kim.PostCraftedAsync($"/{world.Cafe}/client/users/{world.CalId}?handler=Access", [F("Data.Access", "SuperAdmin")]);
        Assert.Contains("Only a Super Admin can add, change or remove a Super Admin", await makeSuperAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AccessType.User, (await MemberAsync(world.Cafe, world.CalId))!.AccessType);
        var removeSuperAdmin = await kim.PostCraftedAsync($"/{world.Cafe}/client/users/{world.PatId}?handler=Remove", [F("confirm", "true")]);
        Assert.Equal(HttpStatusCode.OK, removeSuperAdmin.StatusCode);
        Assert.NotNull(await MemberAsync(world.Cafe, world.PatId));
        var owner = await kim.PostCraftedAsync($"/{world.Cafe}/client/billing", [F("owner", world.CalId.ToString())]);
        Assert.Contains("Changing billing takes billing permissions", await owner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twoFactor = await kim.PostCraftedAsync($"/{world.Cafe}/client/security?handler=TwoFactor", [F("on", "true")]);
        Assert.Equal(HttpStatusCode.OK, twoFactor.StatusCode);
        var sensitive = await kim.PostCraftedAsync($"/{world.Cafe}/client/security?handler=SensitiveData", [F("on", "true")]);
        Assert.Contains("A Partner Admin never can", await sensitive.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var settings = await Fixture.InDbAsync(db => db.Accounts.Where(a => a.HubId == world.Cafe).Select(a => new { a.RequiresTwoFactor, a.AllowsSensitiveData, a.BillingOwnerUserId }).SingleAsync());
        Assert.Equal((false, false, (Guid?)null), (settings.RequiresTwoFactor, settings.AllowsSensitiveData, settings.BillingOwnerUserId));

        // The client's Super Admin can.
        using var ownerClient = await Fixture.SignedInAsync(world.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.PostCraftedAsync($"/{world.Cafe}/client/security?handler=SensitiveData", [F("on", "true")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.PostCraftedAsync($"/{world.Cafe}/client/billing", [F("owner", world.OwnerId.ToString())])).StatusCode);
        Assert.True(await Fixture.InDbAsync(db => db.Accounts.AnyAsync(a => a.HubId == world.Cafe && a.AllowsSensitiveData && a.BillingOwnerUserId == world.OwnerId)));
    }

    [Fact]
    public async Task R22_R12_a_client_invites_a_partner_by_link_and_once_accepted_it_is_in_the_partners_client_list_ending_in_60_days_until_an_employee_works_there()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);

        var created = await BrowserLikeClient.ParseAsync(await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}")]));
        var link = created.QuerySelector("[data-testid=invitation-link]")!.GetAttribute("value")!;
        var path = new Uri(link).AbsolutePath;
        Assert.DoesNotContain(await Fixture.InDbAsync(db => db.ClientInvitations.Select(i => i.TokenHash).ToListAsync()), h => link.Contains(h, StringComparison.Ordinal));
        // Unknown Hub IDs and a second open invitation are refused.
        Assert.Contains("No partner account has Hub ID 1", await (await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", "1")])).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("already has an open invitation", await (await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}")])).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var fay = await Fixture.SignedInAsync(world.Fay);
        var opened = await fay.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith($"/{world.Far}/partner/client-invitations", BrowserLikeClient.LocationOf(opened), StringComparison.Ordinal);
        var (_, pending) = await fay.GetPageAsync($"/{world.Far}/partner/client-invitations");
        var invitationId = pending.QuerySelector($"[data-client='{world.Cafe}'] input[name=invitation]")!.GetAttribute("value")!;

        // Another partner cannot answer it.
        using var boss = await Fixture.SignedInAsync(world.Boss);
        Assert.Equal(HttpStatusCode.NotFound, (await boss.PostCraftedAsync($"/{world.Agency}/partner/client-invitations?handler=Accept", [F("invitation", invitationId)])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await fay.PostCraftedAsync($"/{world.Far}/partner/client-invitations?handler=Accept", [F("invitation", invitationId)])).StatusCode);
        // R12 from the start (issue 22, defect 8): none of Far's employees works in Cafe Co yet, so its 60 days run from today.
        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.PartnerHubId == world.Far && r.ClientHubId == world.Cafe));
        Assert.Equal(RelationshipState.Ending, relationship.State);
        Assert.InRange(relationship.EndsAt!.Value, DateTimeOffset.UtcNow.AddDays(59), DateTimeOffset.UtcNow.AddDays(61));
        var (_, dashboard) = await fay.FollowAsync($"/{world.Far}/partner/dashboard");
        Assert.Contains("Cafe Co", dashboard.QuerySelector("table[aria-label='Client list']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(await Fixture.DeliveredMailAsync(), m => m.Contains(world.Owner, StringComparison.Ordinal) && m.Contains("accepted your partner invitation", StringComparison.Ordinal));
        // Answered: the link works no more, and it cannot be answered twice.
        Assert.Equal(HttpStatusCode.NotFound, (await fay.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fay.PostCraftedAsync($"/{world.Far}/partner/client-invitations?handler=Decline", [F("invitation", invitationId)])).StatusCode);
    }

    [Fact]
    public async Task R23_revoking_a_partner_removes_every_employee_ends_the_relationship_that_day_and_tells_the_partner()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var (_, review) = await owner.GetPageAsync($"/{world.Cafe}/client/partners/{world.Agency}/revoke");
        Assert.Contains(world.Kim, review.QuerySelector("[data-testid=leavers]")!.TextContent, StringComparison.Ordinal);

        var unconfirmed = await owner.PostCraftedAsync($"/{world.Cafe}/client/partners/{world.Agency}/revoke", []);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotNull(await MemberAsync(world.Cafe, world.KimId));

        var revoked = await owner.PostCraftedAsync($"/{world.Cafe}/client/partners/{world.Agency}/revoke", [F("confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Cafe && m.PartnerHubId == world.Agency)));
        var relationship = await Fixture.InDbAsync(db => db.Relationships.AsNoTracking().SingleAsync(r => r.PartnerHubId == world.Agency && r.ClientHubId == world.Cafe));
        Assert.Equal(RelationshipState.Ended, relationship.State);
        Assert.True(relationship.EndedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.AccountHubId == world.Cafe && a.Action == AuditActions.RelationshipEndedByTheClient)));
        Assert.Contains(await Fixture.DeliveredMailAsync(), m => m.Contains(world.Boss, StringComparison.Ordinal) && m.Contains("revoked your agency's access", StringComparison.Ordinal));
        // Pat, a Super Admin of Cafe's own (not there for the agency), stays.
        Assert.NotNull(await MemberAsync(world.Cafe, world.PatId));
    }

    [Fact]
    public async Task B2_the_ledger_shows_how_each_partner_employee_got_access_sets_an_end_date_exports_CSV_and_revokes()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var ledger = $"/{world.Cafe}/client/partner-access";

        var (_, page) = await owner.GetPageAsync(ledger);
        var row = page.QuerySelector($"tr[data-user-id='{world.KimId}']")!.TextContent;
        Assert.Contains("Side Agency", row, StringComparison.Ordinal);
        Assert.Contains("Partner Admin", row, StringComparison.Ordinal);
        Assert.Contains("Added by Cafe Co Owner of Cafe Co", row, StringComparison.Ordinal); // the client's own admin added her, not a partner's manager
        Assert.Null(page.QuerySelector($"tr[data-user-id='{world.PatId}']")); // not a partner employee here

        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"{ledger}?handler=EndDate", [F("user", $"{world.KimId}"), F("endsOn", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))])).StatusCode);
        Assert.Equal(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (await MemberAsync(world.Cafe, world.KimId))!.ExpiresAt);
        var past = await owner.PostCraftedAsync($"{ledger}?handler=EndDate", [F("user", $"{world.KimId}"), F("endsOn", "2020-01-01")]);
        Assert.Contains("Choose an end date after today", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var csv = await (await owner.GetAsync($"{ledger}?handler=Csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("Name,Email,Partner,", csv, StringComparison.Ordinal);
        Assert.Contains(world.Kim, csv, StringComparison.Ordinal);
        Assert.Contains(Csv(day.AddDays(1)), csv, StringComparison.Ordinal);

        // Revoking someone who is not a partner employee here is refused; a partner employee goes.
        Assert.Equal(HttpStatusCode.OK, (await owner.PostCraftedAsync($"{ledger}?handler=Revoke", [F("users", $"{world.PatId}")])).StatusCode);
        Assert.NotNull(await MemberAsync(world.Cafe, world.PatId));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"{ledger}?handler=Revoke", [F("users", $"{world.KimId}")])).StatusCode);
        Assert.Null(await MemberAsync(world.Cafe, world.KimId));
    }

    private static string Csv(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task R12_a_partner_employees_change_in_the_clients_own_pages_is_a_qualifying_activity_and_the_ending_date_follows_it()
    {
        var world = await BuildAsync();
        using var kim = await Fixture.SignedInAsync(world.Kim);
        var before = DateTimeOffset.UtcNow;

        var created = await kim.PostCraftedAsync($"/{world.Cafe}/client/permission-sets?handler=Save", [F("Data.Name", "Agency work"), F("Data.Permissions", "Marketing")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var activity = await Fixture.InDbAsync(db => db.QualifyingActivities.AsNoTracking()
            .Where(a => a.ClientHubId == world.Cafe && a.UserId == world.KimId).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(world.Agency, activity.PartnerHubId);
        Assert.True(activity.At >= before.AddSeconds(-1));
        // The client's own user changing something records nothing.
        using var owner = await Fixture.SignedInAsync(world.Owner);
        await owner.PostCraftedAsync($"/{world.Cafe}/client/permission-sets?handler=Save", [F("Data.Name", "Owner's set")]);
        Assert.False(await Fixture.InDbAsync(db => db.QualifyingActivities.AnyAsync(a => a.ClientHubId == world.Cafe && a.UserId == world.OwnerId)));

        // Kim was the agency's last employee in Cafe: the relationship ends 60 days after her change, not after the older activity.
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"/{world.Cafe}/client/partner-access?handler=Revoke", [F("users", $"{world.KimId}")])).StatusCode);
        var relationship = await Fixture.InDbAsync(db => db.Relationships.AsNoTracking().SingleAsync(r => r.PartnerHubId == world.Agency && r.ClientHubId == world.Cafe));
        Assert.Equal(RelationshipState.Ending, relationship.State);
        Assert.Equal(activity.At + PartnerClientRelationship.EndingGrace, relationship.EndsAt);
    }

    [Fact]
    public async Task Seed004_a_Super_Admin_who_is_a_partner_employee_is_migrated_to_Partner_Admin_from_the_client_side_and_R14_holds()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var (_, page) = await owner.GetPageAsync($"/{world.Cafe}/client/users/{world.PatId}");
        Assert.NotNull(page.QuerySelector("form[action*='handler=Migrate']"));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostCraftedAsync($"/{world.Cafe}/client/users/{world.PatId}?handler=Migrate", [F("keepBilling", "true")])).StatusCode);
        var pat = await MemberAsync(world.Cafe, world.PatId);
        Assert.Equal((AccessType.PartnerAdmin, true, SeatType.Partner, (long?)world.Agency), (pat!.AccessType, pat.KeepsBilling, pat.Seat, pat.PartnerHubId));

        // The owner is now the only Super Admin: they cannot be migrated, nor removed, nor made a plain user.
        var refused = await owner.PostCraftedAsync($"/{world.Cafe}/client/users/{world.OwnerId}?handler=Access", [F("Data.Access", "Set"), F("Data.PermissionSetId", "1"), F("Data.Seat", "Core")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(AccessType.SuperAdmin, (await MemberAsync(world.Cafe, world.OwnerId))!.AccessType);
        // Cal, a user of Cafe's own, is no partner employee: migrating (or the template) is refused.
        Assert.Equal(HttpStatusCode.OK, (await owner.PostCraftedAsync($"/{world.Cafe}/client/users/{world.CalId}?handler=Migrate", [])).StatusCode);
        Assert.Equal(AccessType.User, (await MemberAsync(world.Cafe, world.CalId))!.AccessType);
    }

    [Fact]
    public async Task R22_twenty_invitations_and_twenty_answers_at_once_leave_one_invitation_answered_once_and_one_relationship()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        var token = await owner.AntiforgeryTokenAsync();

        var invites = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            owner.PostRawAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}"), F("__RequestVerificationToken", token)]))));

        Assert.All(invites, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var invitations = await Fixture.InDbAsync(db => db.ClientInvitations.Where(i => i.ClientHubId == world.Cafe).Select(i => i.Id).ToListAsync());
        var invitation = Assert.Single(invitations);

        using var fay = await Fixture.SignedInAsync(world.Fay);
        var fayToken = await fay.AntiforgeryTokenAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            fay.PostRawAsync($"/{world.Far}/partner/client-invitations?handler={(i % 2 == 0 ? "Accept" : "Decline")}",
                [F("invitation", $"{invitation}"), F("__RequestVerificationToken", fayToken)]))));

        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{r.StatusCode}"));
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Redirect);
        var state = await Fixture.InDbAsync(db => db.ClientInvitations.Where(i => i.Id == invitation).Select(i => i.State).SingleAsync());
        var relationships = await Fixture.InDbAsync(db => db.Relationships.CountAsync(r => r.PartnerHubId == world.Far && r.ClientHubId == world.Cafe));
        Assert.Equal(state == InvitationState.Accepted ? 1 : 0, relationships);
    }
}
