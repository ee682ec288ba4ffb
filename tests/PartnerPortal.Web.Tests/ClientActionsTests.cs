using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>R6–R13, R21: what a partner admin does to clients' access from the Client Access Manager.</summary>
public sealed class ClientActionsTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    private async Task<BrowserLikeClient> SignedInAsync(string email)
    {
        var client = Fixture.CreateClient();
        await client.SignInAsync(email);
        return client;
    }

    private Task<Membership?> MembershipAsync(long hubId, string email) => Fixture.InDbAsync(db =>
        db.Memberships.Include(m => m.PermissionSet).SingleOrDefaultAsync(m => m.AccountHubId == hubId && m.User!.Email == email));

    private Task<PartnerClientRelationship> RelationshipAsync(long clientHubId) =>
        Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.PartnerHubId == Personas.Brightwave && r.ClientHubId == clientHubId));

    private Task<List<AuditEntry>> AuditAsync(string action) => Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.Action == action).ToListAsync());

    private Task<int> SetIdAsync(long clientHubId, string name) =>
        Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == clientHubId && s.Name == name).Select(s => s.Id).SingleAsync());

    private static List<string> EmployeeNames(IDocument page) =>
        page.QuerySelectorAll("table[aria-label='Partner employees'] tbody tr td:nth-child(2)").Select(td => td.ChildNodes[0].TextContent.Trim()).ToList();

    [Fact]
    public async Task R6_add_employees_with_a_permission_set_on_partner_seats()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        var diego = await Fixture.UserIdAsync(Personas.PlainPartnerEmployee);

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", new Dictionary<string, string>
        {
            ["Data.EmployeeIds"] = $"{hana}",
            ["Data.PermissionSetId"] = $"{await SetIdAsync(Personas.HarborCoffee, "Marketing")}",
        });
        using var second = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", new Dictionary<string, string>
        {
            ["Data.EmployeeIds"] = $"{diego}",
            ["Data.PermissionSetId"] = $"{await SetIdAsync(Personas.HarborCoffee, "Partner Admin")}",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, details) = await ava.GetPageAsync(BrowserLikeClient.LocationOf(response));
        Assert.Contains("Added 1 employee with partner seats.", details.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hana Sato", EmployeeNames(details));
        var hanaThere = await MembershipAsync(Personas.HarborCoffee, Personas.Hana);
        Assert.Equal((AccessType.User, "Marketing", SeatType.Partner), (hanaThere!.AccessType, hanaThere.PermissionSet!.Name, hanaThere.Seat));
        Assert.Equal(AccessType.PartnerAdmin, (await MembershipAsync(Personas.HarborCoffee, Personas.PlainPartnerEmployee))!.AccessType);
        Assert.Equal(2, (await AuditAsync(AuditActions.PartnerEmployeeAdded)).Count);
    }

    [Fact]
    public async Task R6_choosing_nothing_gets_a_message_beside_the_form_and_adds_nobody()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await BrowserLikeClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Select at least one employee.", errors, StringComparison.Ordinal);
        Assert.Contains("Select a permission set.", errors, StringComparison.Ordinal);
        Assert.Empty(await AuditAsync(AuditActions.PartnerEmployeeAdded));
    }

    [Fact]
    public async Task R6_only_a_Partner_Admin_of_the_client_adds_employees_and_only_the_partners_own()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var tom = await Fixture.UserIdAsync(Personas.ClientUser);
        var set = await SetIdAsync(Personas.Pinecrest, "Marketing");

        // Ava has no access in Pinecrest Realty: the page and a crafted post are refused.
        using var page = await ava.GetAsync($"{Cam}/clients/{Personas.Pinecrest}/add-employees");
        using var crafted = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.Pinecrest}/add-employees",
            new Dictionary<string, string> { ["Data.EmployeeIds"] = $"{await Fixture.UserIdAsync(Personas.Hana)}", ["Data.PermissionSetId"] = $"{set}" });
        // Tom is the client's own user, not a Brightwave employee.
        using var notOurs = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees",
            new Dictionary<string, string> { ["Data.EmployeeIds"] = $"{tom}", ["Data.PermissionSetId"] = $"{await SetIdAsync(Personas.HarborCoffee, "Sales")}" });
        // A permission set of another client.
        using var foreignSet = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/add-employees",
            new Dictionary<string, string> { ["Data.EmployeeIds"] = $"{await Fixture.UserIdAsync(Personas.Hana)}", ["Data.PermissionSetId"] = $"{set}" });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Contains("Only your partner employees can be added.", await notOurs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Select one of this client&#x27;s permission sets.", await foreignSet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await MembershipAsync(Personas.Pinecrest, Personas.Hana));
        Assert.Null(await MembershipAsync(Personas.HarborCoffee, Personas.Hana));
    }

    [Fact]
    public async Task R21_an_email_already_connected_to_another_partner_is_refused_with_the_ways_out()
    {
        // Olivia works for Crestline in Orchid Spa; Brightwave takes her on too and tries to add her there.
        var olivia = await Fixture.UserIdAsync(Personas.OtherPartnerSuperAdmin);
        await Fixture.InDbAsync(async db =>
        {
            var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).SingleAsync(a => a.HubId == Personas.Brightwave);
            brightwave.AddMember(await db.DomainUsers.SingleAsync(u => u.Id == olivia), AccessType.User, DateTimeOffset.UtcNow);
            brightwave.TagPartnerEmployee(olivia, true);
            return await db.SaveChangesAsync();
        });
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.OrchidSpa}/add-employees", new Dictionary<string, string>
        {
            ["Data.EmployeeIds"] = $"{olivia}",
            ["Data.PermissionSetId"] = $"{await SetIdAsync(Personas.OrchidSpa, "Partner Admin")}",
        });

        var text = (await BrowserLikeClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Their email address is already connected with another partner record for this client.", text, StringComparison.Ordinal);
        Assert.Contains("ask the first partner to remove that user", text, StringComparison.Ordinal);
        Assert.Contains("partner email domain", text, StringComparison.Ordinal);
        Assert.Contains("different email address", text, StringComparison.Ordinal);
        Assert.Equal(Personas.Crestline, (await MembershipAsync(Personas.OrchidSpa, Personas.OtherPartnerSuperAdmin))!.PartnerHubId);
    }

    [Fact]
    public async Task R9_details_lists_the_partner_employees_and_change_permission_set_applies_another_set()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);

        var (_, details) = await ava.GetPageAsync($"{Cam}/clients/{Personas.HarborCoffee}");
        Assert.Contains("Emma Schmidt", EmployeeNames(details));
        Assert.DoesNotContain("Maria Lopez", details.Body!.TextContent, StringComparison.Ordinal); // the client's own people are not listed

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.HarborCoffee}/employees/{emma}/permission-set",
            new Dictionary<string, string> { ["Data.PermissionSetId"] = $"{await SetIdAsync(Personas.HarborCoffee, "Sales")}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Sales", (await MembershipAsync(Personas.HarborCoffee, Personas.OffDomainEmployee))!.PermissionSet!.Name);
        var entry = Assert.Single(await AuditAsync(AuditActions.PermissionSetChanged));
        Assert.Equal(("User (Marketing), Partner seat", "User (Sales), Partner seat"), (entry.Before, entry.After));
    }

    [Fact]
    public async Task R9_only_a_Partner_Admin_of_the_client_is_offered_and_allowed_Change_permission_set()
    {
        using var ben = await SignedInAsync(Personas.ClientAccessManager); // Client access manager, no access in Greenleaf
        var hana = await Fixture.UserIdAsync(Personas.Hana);

        var (detailsStatus, details) = await ben.GetPageAsync($"{Cam}/clients/{Personas.GreenleafDental}");
        using var form = await ben.GetAsync($"{Cam}/clients/{Personas.GreenleafDental}/employees/{hana}/permission-set");
        using var crafted = await ben.PostCraftedAsync($"{Cam}/clients/{Personas.GreenleafDental}/employees/{hana}/permission-set",
            [Field("Data.PermissionSetId", await SetIdAsync(Personas.GreenleafDental, "Read only"))]);

        Assert.Equal(HttpStatusCode.OK, detailsStatus);
        Assert.DoesNotContain(details.QuerySelectorAll("a.dropdown-item"), a => a.TextContent == "Change permission set");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Equal(AccessType.PartnerAdmin, (await MembershipAsync(Personas.GreenleafDental, Personas.Hana))!.AccessType);
    }

    [Fact]
    public async Task R9_a_client_of_another_partner_and_an_employee_not_in_the_client_are_not_found()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var hana = await Fixture.UserIdAsync(Personas.Hana);

        using var otherPartnersClient = await ava.GetAsync($"{Cam}/clients/{Personas.Ironwood}");
        using var notThere = await ava.GetAsync($"{Cam}/clients/{Personas.HarborCoffee}/employees/{hana}/permission-set");

        Assert.Equal(HttpStatusCode.NotFound, otherPartnersClient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
    }

    [Fact]
    public async Task R8_link_clients_makes_an_existing_user_count_for_managed_credit()
    {
        // Tom, a Harbor user, joins Brightwave as a freelancer without a partner-domain email.
        var tom = await Fixture.UserIdAsync(Personas.ClientUser);
        await Fixture.InDbAsync(async db =>
        {
            var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).SingleAsync(a => a.HubId == Personas.Brightwave);
            brightwave.AddMember(await db.DomainUsers.SingleAsync(u => u.Id == tom), AccessType.User, DateTimeOffset.UtcNow);
            brightwave.TagPartnerEmployee(tom, true);
            return await db.SaveChangesAsync();
        });
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);

        var (_, form) = await ava.GetPageAsync($"{Cam}/employees/{tom}/link-clients");
        Assert.Equal(["Harbor Coffee Roasters"], form.QuerySelectorAll("label.form-check-label").Select(l => l.TextContent.Trim().Split(" Hub ID")[0].Trim()));
        using var response = await ava.SubmitFormAsync($"{Cam}/employees/{tom}/link-clients", new Dictionary<string, string> { ["Data.ClientHubIds"] = $"{Personas.HarborCoffee}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var membership = await MembershipAsync(Personas.HarborCoffee, Personas.ClientUser);
        Assert.True(membership!.LinkedForManagedCredit);
        Assert.Equal(Personas.Brightwave, membership.PartnerHubId);
        Assert.Equal("Sales", membership.PermissionSet!.Name); // access unchanged
        Assert.Single(await AuditAsync(AuditActions.PartnerEmployeeLinked));
    }

    [Fact]
    public async Task R7_the_employees_tab_lists_partner_employees_and_marks_emails_on_the_partner_domain()
    {
        var (agency, boss) = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Check Agency");
            var boss = w.Employee(agency, "Cam Check", AccessType.SuperAdmin);
            w.Employee(agency, "Dee Domain");
            w.Employee(agency, "Gil Gmail", email: $"gil.{Guid.NewGuid():N}@gmail.com");
            w.Employee(agency, "Una Untagged", partnerEmployee: false);
            return (agency.HubId, boss.Email);
        });
        using var client = await Fixture.SignedInAsync(boss);

        var (_, page) = await client.GetPageAsync($"/{agency}/partner/client-access-manager/employees");

        var rows = page.QuerySelectorAll("table[aria-label=Employees] tbody tr").ToDictionary(
            tr => tr.QuerySelector("td")!.TextContent.Trim(),
            tr => tr.QuerySelector("[data-testid=partner-domain-check]") is not null);
        Assert.Equal(new Dictionary<string, bool> { ["Cam Check"] = true, ["Dee Domain"] = true, ["Gil Gmail"] = false }, rows);
    }

    [Fact]
    public async Task R10_remove_employee_from_clients_reviews_then_removes_from_the_chosen_clients()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var farah = await Fixture.UserIdAsync(Personas.Farah);
        var url = $"{Cam}/employees/{farah}/remove-from-clients";

        using var next = await ava.SubmitFormAsync(url, new Dictionary<string, string> { ["clients"] = $"{Personas.NordicOutdoor}" }, "main form[action*=Next]");
        var review = await BrowserLikeClient.ParseAsync(next);
        Assert.Contains("Nordic Outdoor Gear", review.QuerySelector("table[aria-label='Removal review']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("access to Nordic Outdoor Gear; the relationship stays as it is", review.QuerySelector("#review-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await MembershipAsync(Personas.NordicOutdoor, Personas.Farah)); // Next changes nothing

        var doneForm = review.QuerySelector("main form[action*=Done]")!;
        using var done = await ava.PostCraftedAsync(doneForm.GetAttribute("action")!, new Dictionary<string, string> { ["clients"] = $"{Personas.NordicOutdoor}" });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Null(await MembershipAsync(Personas.NordicOutdoor, Personas.Farah));
        Assert.NotNull(await MembershipAsync(Personas.Vertex, Personas.Farah)); // not chosen, kept
        var entry = Assert.Single(await AuditAsync(AuditActions.PartnerEmployeeRemoved));
        Assert.Equal((Personas.NordicOutdoor, "Partner Admin, Partner seat", "No access"), (entry.AccountHubId, entry.Before, entry.After));
        Assert.Equal(RelationshipState.Active, (await RelationshipAsync(Personas.NordicOutdoor)).State);
    }

    [Fact]
    public async Task R10_only_super_admins_and_client_access_managers_remove_employees()
    {
        using var diego = await SignedInAsync(Personas.PlainPartnerEmployee);
        var farah = await Fixture.UserIdAsync(Personas.Farah);

        using var crafted = await diego.PostCraftedAsync($"{Cam}/employees/{farah}/remove-from-clients?handler=Done",
            new Dictionary<string, string> { ["clients"] = $"{Personas.NordicOutdoor}" });

        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.NotNull(await MembershipAsync(Personas.NordicOutdoor, Personas.Farah));
    }

    private static KeyValuePair<string, string> Field(string name, object value) => new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);

    [Fact]
    public async Task R11_R12_removing_all_employees_from_a_client_starts_the_60_days_from_the_last_activity()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var url = $"{Cam}/clients/{Personas.GreenleafDental}";
        var (_, details) = await ava.GetPageAsync(url);
        Assert.NotNull(details.QuerySelector("input[data-select-all=remove]"));
        var everyone = details.QuerySelectorAll("input[name=remove]").Select(i => Field("remove", i.GetAttribute("value")!)).ToList();
        Assert.Equal(2, everyone.Count);
        var lastActivity = await Fixture.InDbAsync(db => db.QualifyingActivities.Where(a => a.ClientHubId == Personas.GreenleafDental).MaxAsync(a => a.At));
        var endsOn = lastActivity.AddDays(60).ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

        // Select all, Remove partner employee: a review of every employee and what happens, nothing changed yet.
        using var reviewed = await ava.SubmitFormAsync(url, everyone, "main form[action*=Review]");
        var review = await BrowserLikeClient.ParseAsync(reviewed);
        var reviewText = review.QuerySelector("#review-heading")!.ParentElement!.TextContent;
        Assert.Contains("Ava Patel", reviewText, StringComparison.Ordinal);
        Assert.Contains("Hana Sato", reviewText, StringComparison.Ordinal);
        Assert.Contains("1 qualifying activity, last on", reviewText, StringComparison.Ordinal);
        Assert.Contains($"becomes Ending and ends on {endsOn}", reviewText, StringComparison.Ordinal);
        Assert.Equal(RelationshipState.Active, (await RelationshipAsync(Personas.GreenleafDental)).State);

        // Confirm removal.
        using var confirmed = await ava.PostCraftedAsync($"{url}?handler=Confirm", everyone);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var relationship = await RelationshipAsync(Personas.GreenleafDental);
        Assert.Equal(RelationshipState.Ending, relationship.State);
        Assert.Equal(lastActivity.AddDays(60), relationship.EndsAt);
        Assert.Equal(2, (await AuditAsync(AuditActions.PartnerEmployeeRemoved)).Count);
        Assert.Single(await AuditAsync(AuditActions.RelationshipEnding));
        var (_, clients) = await ava.GetPageAsync($"{Cam}?filtered=true&types=all&q=greenleaf");
        Assert.Equal($"Ending {endsOn}", clients.QuerySelector("tr[data-hub-id='45100003'] td:nth-child(5)")!.TextContent.Trim());
    }

    [Fact]
    public async Task R12_when_the_last_activity_is_more_than_60_days_ago_the_relationship_ends_at_once()
    {
        await Fixture.InDbAsync(async db =>
        {
            db.QualifyingActivities.RemoveRange(db.QualifyingActivities.Where(a => a.ClientHubId == Personas.Riverbend));
            db.QualifyingActivities.Add(new QualifyingActivity(Personas.Riverbend, Personas.Brightwave, await Fixture.UserIdAsync(Personas.ClientAccessManager), "Edited a deal", DateTimeOffset.UtcNow.AddDays(-75)));
            return await db.SaveChangesAsync();
        });
        // Ben, Partner Admin in Riverbend and its only partner employee, removes himself.
        using var benClient = await SignedInAsync(Personas.ClientAccessManager);
        var ben = await Fixture.UserIdAsync(Personas.ClientAccessManager);

        using var confirmed = await benClient.PostCraftedAsync($"{Cam}/clients/{Personas.Riverbend}?handler=Confirm", [Field("remove", ben)]);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(RelationshipState.Ended, (await RelationshipAsync(Personas.Riverbend)).State);
    }

    [Fact]
    public async Task R14_R28_a_Super_Admin_of_the_client_is_never_removed_through_the_partner_and_the_review_says_why()
    {
        await RemoveAsync(Personas.NordicOutdoor, Personas.NordicSuperAdmin); // Ava is left the only Super Admin of Nordic
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var avaId = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);

        using var reviewed = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.NordicOutdoor}?handler=Review", [Field("remove", avaId)]);
        var review = await BrowserLikeClient.ParseAsync(reviewed);
        using var confirmed = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.NordicOutdoor}?handler=Confirm", [Field("remove", avaId)]);

        Assert.Contains("only the client's own Super Admins can change or remove a Super Admin, never a partner", review.QuerySelector("#review-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(review.QuerySelector("main form[action*=Confirm] button[disabled]"));
        Assert.Contains("never a partner", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, (await MembershipAsync(Personas.NordicOutdoor, Personas.PartnerSuperAdmin))!.AccessType);
    }

    private Task<int> RemoveAsync(long hubId, string email) => Fixture.InDbAsync(async db =>
    {
        db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.AccountHubId == hubId && m.User!.Email == email));
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task R13_change_to_Partner_Admin_with_Keep_billing_permissions()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var avaId = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        var (_, clients) = await ava.GetPageAsync(Cam);
        Assert.NotNull(clients.QuerySelectorAll("tr[data-hub-id='45100002'] a.dropdown-item").FirstOrDefault(a => a.TextContent == "Change to Partner Admin"));
        Assert.Null(clients.QuerySelectorAll("tr[data-hub-id='45100001'] a.dropdown-item").FirstOrDefault(a => a.TextContent == "Change to Partner Admin"));

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.NordicOutdoor}/change-to-partner-admin",
            [Field("Data.UserId", avaId), Field("Data.KeepBillingPermissions", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var membership = await MembershipAsync(Personas.NordicOutdoor, Personas.PartnerSuperAdmin);
        Assert.Equal(AccessType.PartnerAdmin, membership!.AccessType);
        Assert.True(membership.Has(Permission.EditBilling));
        Assert.False(membership.Has(Permission.ManageSuperAdmins));
        var entry = Assert.Single(await AuditAsync(AuditActions.ChangedToPartnerAdmin));
        Assert.Equal(("Super Admin, Partner seat", "Partner Admin with billing, Partner seat"), (entry.Before, entry.After));
    }

    [Fact]
    public async Task R13_once_Partner_Admin_you_change_other_Super_Admins_of_your_partner_but_not_the_clients_own()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var url = $"{Cam}/clients/{Personas.AtlasFreight}/change-to-partner-admin";
        (await ava.SubmitFormAsync(url, [Field("Data.UserId", await Fixture.UserIdAsync(Personas.PartnerSuperAdmin))])).Dispose();

        var (_, dialog) = await ava.GetPageAsync(url);
        Assert.Equal(["Ben Carter"], dialog.QuerySelectorAll("main form label.form-check-label").Select(l => l.TextContent.Trim()).Where(t => t != "Keep billing permissions"));
        Assert.Equal(AccessType.PartnerAdmin, (await MembershipAsync(Personas.AtlasFreight, Personas.PartnerSuperAdmin))!.AccessType);
        using var ben = await ava.SubmitFormAsync(url, [Field("Data.UserId", await Fixture.UserIdAsync(Personas.ClientAccessManager))]);
        using var dan = await ava.PostCraftedAsync(url, [Field("Data.UserId", await Fixture.UserIdAsync("dan.miller@atlasfreight.com"))]);

        Assert.Equal(HttpStatusCode.Redirect, ben.StatusCode);
        Assert.Equal(AccessType.PartnerAdmin, (await MembershipAsync(Personas.AtlasFreight, Personas.ClientAccessManager))!.AccessType);
        Assert.Contains("Only Super Admins who are partner employees of your partner", await dan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, (await MembershipAsync(Personas.AtlasFreight, "dan.miller@atlasfreight.com"))!.AccessType);
    }

    [Fact]
    public async Task R14_the_only_Super_Admin_cannot_change_to_Partner_Admin()
    {
        await RemoveAsync(Personas.NordicOutdoor, Personas.NordicSuperAdmin);
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);

        using var response = await ava.SubmitFormAsync($"{Cam}/clients/{Personas.NordicOutdoor}/change-to-partner-admin",
            [Field("Data.UserId", await Fixture.UserIdAsync(Personas.PartnerSuperAdmin))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are the only Super Admin, so you cannot change yourself or others to a Partner Admin.",
            (await BrowserLikeClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, (await MembershipAsync(Personas.NordicOutdoor, Personas.PartnerSuperAdmin))!.AccessType);
        Assert.Empty(await AuditAsync(AuditActions.ChangedToPartnerAdmin));
    }

    [Fact]
    public async Task R28_no_form_field_lets_a_Partner_Admin_make_anyone_Super_Admin()
    {
        using var ava = await SignedInAsync(Personas.PartnerSuperAdmin);
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);

        // A valid change, with forged fields beside it: only the permission set is taken, in the client of the URL.
        using var crafted = await ava.PostCraftedAsync($"{Cam}/clients/{Personas.HarborCoffee}/employees/{emma}/permission-set",
            [Field("Data.PermissionSetId", await SetIdAsync(Personas.HarborCoffee, "Sales")), Field("Data.AccessType", "SuperAdmin"),
             Field("Data.ClientHubId", $"{Personas.NordicOutdoor}"), Field("Data.PartnerHubId", $"{Personas.Crestline}")]);

        Assert.Equal(HttpStatusCode.Redirect, crafted.StatusCode);
        var membership = await MembershipAsync(Personas.HarborCoffee, Personas.OffDomainEmployee);
        Assert.Equal((AccessType.User, "Sales", (long?)Personas.Brightwave), (membership!.AccessType, membership.PermissionSet!.Name, membership.PartnerHubId));
        Assert.Null(await MembershipAsync(Personas.NordicOutdoor, Personas.OffDomainEmployee));
    }
}
