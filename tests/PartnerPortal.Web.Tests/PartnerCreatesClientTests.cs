using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// O2, a partner creates a client's account: the owner takes it through the emailed link as its Super Admin, and at that step
/// approves (R2/R3: the creator becomes Partner Admin and the relationship Active) or declines the employee who created it.
/// Until then it waits on the partner's dashboard as Invited; the account is the owner's from its first minute (R23).
/// </summary>
public sealed partial class PartnerCreatesClientTests(PortalFixture fixture) : PortalTest(fixture)
{
    [GeneratedRegex(@"/sign-up/[A-Za-z0-9_-]{43}")]
    private static partial Regex SignUpLink();

    private sealed record Agency(long HubId, string AdminEmail, string AdminName);

    private Task<Agency> AgencyAsync(string name) => Fixture.BuildAsync(w =>
    {
        var partner = w.Partner(name);
        var admin = w.Employee(partner, $"{name} Admin", AccessType.SuperAdmin);
        return new Agency(partner.HubId, admin.Email, admin.Name);
    });

    private static Dictionary<string, string> ClientForm(string name, string owner, string email) => new()
    {
        ["Data.AccountName"] = name, ["Data.OwnerName"] = owner, ["Data.OwnerEmail"] = email,
    };

    private Task<string> LinkMailedToAsync(string email) => Fixture.InDbAsync(async db =>
        SignUpLink().Match((await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).FirstAsync()).Body).Value);

    private static async Task<HttpResponseMessage> CreateAsync(BrowserLikeClient admin, long hubId, Dictionary<string, string> form)
    {
        var (status, dashboard) = await admin.GetPageAsync($"/{hubId}/partner/dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        var button = dashboard.QuerySelector("a[href$='/partner/dashboard/create-client']");
        Assert.NotNull(button);
        Assert.Equal("+ Create client account", button.TextContent.Trim());
        return await admin.SubmitFormAsync(button.GetAttribute("href")!, form);
    }

    [Fact]
    public async Task O2_R3_the_owner_takes_the_account_the_partner_created_and_approves_its_employee_as_Partner_Admin()
    {
        var agency = await AgencyAsync("Create Agency");
        using var admin = await Fixture.SignedInAsync(agency.AdminEmail);
        using (var sent = await CreateAsync(admin, agency.HubId, ClientForm("Lakeside Florist", "Lena Lake", "Lena@Lakeside.test")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            var (_, dashboard) = await admin.GetPageAsync(BrowserLikeClient.LocationOf(sent));
            var text = BrowserLikeClient.MainText(dashboard);
            Assert.Contains("We emailed lena@lakeside.test a link to take Lakeside Florist.", text, StringComparison.Ordinal);
            var waiting = dashboard.QuerySelector("[data-testid=waiting-clients]")!.TextContent;
            Assert.Contains("Lakeside Florist", waiting, StringComparison.Ordinal);
            Assert.Contains("Invited", waiting, StringComparison.Ordinal);
        }
        Assert.False(await Fixture.InDbAsync(db => db.Accounts.AnyAsync(a => a.Name == "Lakeside Florist"))); // nothing exists before its owner takes it

        var link = await LinkMailedToAsync("lena@lakeside.test");
        using var lena = Fixture.CreateClient();
        var (_, form) = await lena.GetPageAsync(link);
        var formText = BrowserLikeClient.MainText(form);
        Assert.Contains($"{agency.AdminName} ({agency.AdminEmail}) of the partner agency Create Agency created this account for you", formText, StringComparison.Ordinal);
        Assert.Contains($"Give {agency.AdminName} access as Partner Admin?", formText, StringComparison.Ordinal);

        // The choice is asked for: without it nothing is made.
        using (var unanswered = await lena.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "lena password", ["Data.ConfirmPassword"] = "lena password" }))
        {
            Assert.Equal(HttpStatusCode.OK, unanswered.StatusCode);
            Assert.Contains($"Choose whether {agency.AdminName} gets access as Partner Admin.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(unanswered)), StringComparison.Ordinal);
        }
        Assert.False(await Fixture.InDbAsync(db => db.Accounts.AnyAsync(a => a.Name == "Lakeside Florist")));

        using (var taken = await lena.SubmitFormAsync(link, new Dictionary<string, string>
               {
                   ["Data.Password"] = "lena password", ["Data.ConfirmPassword"] = "lena password", ["Data.ApprovePartner"] = "true",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
            var (_, signIn) = await lena.GetPageAsync(BrowserLikeClient.LocationOf(taken));
            Assert.Contains($"{agency.AdminName} of Create Agency is Partner Admin in it.", BrowserLikeClient.MainText(signIn), StringComparison.Ordinal);
        }

        var client = await Fixture.InDbAsync(db => db.Accounts.Include(a => a.Memberships).SingleAsync(a => a.Name == "Lakeside Florist"));
        Assert.Equal(AccountKind.Client, client.Kind);
        var owner = client.Memberships.Single(m => m.UserEmail == "lena@lakeside.test");
        Assert.True(owner.IsSuperAdmin); // R23: the client's own, from the first minute
        var creator = client.Memberships.Single(m => m.UserEmail == agency.AdminEmail);
        Assert.Equal((AccessType.PartnerAdmin, agency.HubId, SeatType.Partner), (creator.AccessType, creator.PartnerHubId, creator.Seat));
        var relationship = await Fixture.InDbAsync(db => db.Relationships.SingleAsync(r => r.ClientHubId == client.HubId));
        Assert.Equal((agency.HubId, RelationshipState.Active), (relationship.PartnerHubId, relationship.State));
        Assert.Contains(await Fixture.InDbAsync(db => db.Outbox.Where(m => m.To == agency.AdminEmail).Select(m => m.Subject).ToListAsync()),
            s => s == "Lakeside Florist approved your access");

        // The partner's list has it as a client now, and nothing waits any more; the trail of both says who approved.
        var (_, after) = await admin.GetPageAsync($"/{agency.HubId}/partner/dashboard");
        Assert.NotNull(after.QuerySelector($"tr[data-hub-id='{client.HubId}']"));
        Assert.Null(after.QuerySelector("[data-testid=waiting-clients]"));
        var approved = await Fixture.InDbAsync(db => db.AuditEntries.Where(e => e.AccountHubId == client.HubId && e.Action == AuditActions.AccessLinkApproved).ToListAsync());
        Assert.Equal(agency.HubId, Assert.Single(approved).PartnerHubId);

        // R23: the owner can revoke the partner at once, like any partner.
        using var owned = await Fixture.SignedInAsync("lena@lakeside.test", "lena password");
        Assert.Equal(HttpStatusCode.OK, (await owned.GetPageAsync($"/{client.HubId}/client/partners")).Status);
    }

    [Fact]
    public async Task O2_the_owner_who_declines_gets_the_account_and_the_partner_gets_nothing_but_the_answer()
    {
        var agency = await AgencyAsync("Declined Agency");
        using var admin = await Fixture.SignedInAsync(agency.AdminEmail);
        using (await CreateAsync(admin, agency.HubId, ClientForm("Hilltop Books", "Hugo Hill", "hugo@hilltop.test"))) { }
        var link = await LinkMailedToAsync("hugo@hilltop.test");
        using var hugo = Fixture.CreateClient();
        using (var taken = await hugo.SubmitFormAsync(link, new Dictionary<string, string>
               {
                   ["Data.Password"] = "hugo password", ["Data.ConfirmPassword"] = "hugo password", ["Data.ApprovePartner"] = "false",
               }))
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);

        var client = await Fixture.InDbAsync(db => db.Accounts.Include(a => a.Memberships).SingleAsync(a => a.Name == "Hilltop Books"));
        Assert.True(Assert.Single(client.Memberships).IsSuperAdmin); // Hugo alone
        Assert.False(await Fixture.InDbAsync(db => db.Relationships.AnyAsync(r => r.ClientHubId == client.HubId)));
        Assert.Contains(await Fixture.InDbAsync(db => db.Outbox.Where(m => m.To == agency.AdminEmail).Select(m => m.Subject).ToListAsync()),
            s => s == "Hilltop Books declined your access");
        var (_, dashboard) = await admin.GetPageAsync($"/{agency.HubId}/partner/dashboard");
        Assert.Null(dashboard.QuerySelector($"tr[data-hub-id='{client.HubId}']"));
        Assert.Null(dashboard.QuerySelector("[data-testid=waiting-clients]"));
    }

    [Fact]
    public async Task O2_R23_a_partner_cannot_own_the_client_nor_take_over_another_partners_invitation_and_bad_input_changes_nothing()
    {
        var first = await AgencyAsync("First Agency");
        var second = await AgencyAsync("Second Agency");
        using var one = await Fixture.SignedInAsync(first.AdminEmail);
        using var two = await Fixture.SignedInAsync(second.AdminEmail);
        var url = $"/{first.HubId}/partner/dashboard/create-client";

        // Not yourself as the owner; not a blank name or a broken email.
        using (var self = await one.SubmitFormAsync(url, ClientForm("Mine Inc", "Me", first.AdminEmail.ToUpperInvariant())))
        {
            Assert.Equal(HttpStatusCode.OK, self.StatusCode);
            Assert.Contains("Enter the email of the client's owner, not yours", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(self)), StringComparison.Ordinal);
        }
        using (var bad = await one.SubmitFormAsync(url, ClientForm(" ", "Olive", "not an email")))
        {
            var text = BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(bad));
            Assert.Contains("Enter the client account's name.", text, StringComparison.Ordinal);
            Assert.Contains("Enter an email address such as name@company.com.", text, StringComparison.Ordinal);
        }
        Assert.Equal(0, await Fixture.InDbAsync(db => db.AccountSignUps.CountAsync(s => s.PartnerHubId == first.HubId)));

        // The first partner's invitation stands; the second partner's for the same address is refused, and its link works for the first.
        using (await one.SubmitFormAsync(url, ClientForm("Orchard Cafe", "Olive Orchard", "olive@orchard.test"))) { }
        var link = await LinkMailedToAsync("olive@orchard.test");
        using (var taken = await two.SubmitFormAsync($"/{second.HubId}/partner/dashboard/create-client", ClientForm("Olive's Cafe", "Olive", "olive@orchard.test")))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            Assert.Contains("That address has another account waiting to be created for it, by someone else.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(taken)), StringComparison.Ordinal);
        }
        var open = await Fixture.InDbAsync(db => db.AccountSignUps.SingleAsync(s => s.OpenFor == "olive@orchard.test"));
        Assert.Equal((first.HubId, "Orchard Cafe"), (open.PartnerHubId, open.AccountName));
        Assert.Equal(link, await LinkMailedToAsync("olive@orchard.test"));

        // Another partner posting to the first's Hub ID is refused by the gate.
        using (var crossed = await two.PostRawAsync(url, [.. ClientForm("Crossed", "C", "crossed@orchard.test"), new("__RequestVerificationToken", await two.AntiforgeryTokenAsync())]))
            Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode); // issue 22: an account you are not in is not found
        Assert.False(await Fixture.InDbAsync(db => db.AccountSignUps.AnyAsync(s => s.Email == "crossed@orchard.test")));
    }

    [Fact]
    public async Task O2_an_employee_who_left_the_partner_before_the_owner_answered_gets_nothing_and_the_owner_still_gets_the_account()
    {
        var agency = await AgencyAsync("Leaving Agency");
        var leaver = await Fixture.BuildAsync(w => w.Person("Leo Leaver", "leo@leaving.test"));
        await Fixture.InDbAsync(async db =>
        {
            var partner = await db.PartnerAccounts.WithMembers().SingleAsync(a => a.HubId == agency.HubId);
            var user = await db.DomainUsers.SingleAsync(u => u.Id == leaver.Id);
            partner.AddMember(user, AccessType.User, DateTimeOffset.UtcNow);
            partner.GrantPermissions(user.Id, Permission.ClientAccessManager);
            partner.TagPartnerEmployee(user.Id, true);
            return await db.SaveChangesAsync();
        });
        using (var leo = await Fixture.SignedInAsync("leo@leaving.test"))
        using (var sent = await CreateAsync(leo, agency.HubId, ClientForm("Riverside Gym", "Rita River", "rita@riverside.test")))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await Fixture.InDbAsync(async db =>
        {
            var partner = await db.PartnerAccounts.WithMembers().SingleAsync(a => a.HubId == agency.HubId);
            partner.TagPartnerEmployee(leaver.Id, false);
            return await db.SaveChangesAsync();
        });

        var link = await LinkMailedToAsync("rita@riverside.test");
        using var rita = Fixture.CreateClient();
        var (_, form) = await rita.GetPageAsync(link);
        Assert.Contains("Leo Leaver is no longer a partner employee of Leaving Agency, so nobody of it will have access.", BrowserLikeClient.MainText(form), StringComparison.Ordinal);
        Assert.Null(form.QuerySelector("input[name='Data.ApprovePartner']"));
        using (var taken = await rita.SubmitFormAsync(link, new Dictionary<string, string>
               {
                   ["Data.Password"] = "rita password", ["Data.ConfirmPassword"] = "rita password", ["Data.ApprovePartner"] = "true",
               }))
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var client = await Fixture.InDbAsync(db => db.Accounts.Include(a => a.Memberships).SingleAsync(a => a.Name == "Riverside Gym"));
        Assert.Equal("rita@riverside.test", Assert.Single(client.Memberships).UserEmail);
        Assert.False(await Fixture.InDbAsync(db => db.Relationships.AnyAsync(r => r.ClientHubId == client.HubId)));
    }
}
