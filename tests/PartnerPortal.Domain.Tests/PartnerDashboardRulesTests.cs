using PartnerPortal.Domain;
using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain.Tests;

/// <summary>The rules behind the Partner dashboard (R15), offboarding (B4) and two-factor sign-in (B7).</summary>
public class PartnerDashboardRulesTests
{
    [Theory]
    [InlineData(3_000, 1, 3_000, 30)]
    [InlineData(3_000, 2, 1_500, 15)]
    [InlineData(1_000, 3, 333.33, 3.33)]
    [InlineData(5_000, 0, 0, 0)]
    public void R15_managed_MRR_is_the_client_s_MRR_split_evenly_between_its_active_partners_and_1000_is_10_points(decimal mrr, int partners, decimal share, decimal points)
    {
        Assert.Equal(share, Math.Round(ManagedCredit.ShareOf(mrr, partners), 2));
        Assert.Equal(points, ManagedCredit.Points(ManagedCredit.ShareOf(mrr, partners)));
    }

    [Fact]
    public void B4_offboarding_records_who_stays_as_a_Super_Admin_of_the_client_and_why_and_tells_its_Super_Admins()
    {
        var client = Account.CreateClient(7, "Owned Co");
        var hana = new User(Guid.NewGuid(), "hana@agency.test", "Hana");
        client.AddMember(hana, AccessType.SuperAdmin, DateTimeOffset.UtcNow);
        client.AddPartnerEmployee(hana, 1, client.StandardPartnerAdminSet, new Actor(hana.Id), DateTimeOffset.UtcNow);
        ((IHasDomainEvents)client).ClearDomainEvents();

        var boss = new Actor(Guid.NewGuid(), 1, new PartnerRole(1, SuperAdmin: true, ClientAccessManager: false));
        var stays = client.RevokePartnerEmployees([hana.Id], 1, boss, AuditActions.PartnerEmployeeOffboarded, DateTimeOffset.UtcNow);

        Assert.Contains("Hana is a Super Admin of Owned Co", stays[hana.Id], StringComparison.Ordinal);
        Assert.NotNull(client.MembershipOf(hana.Id));
        var events = ((IHasDomainEvents)client).DomainEvents;
        var entry = Assert.IsType<AccessChanged>(events[0]);
        Assert.Equal("Partner employee offboarded: stays", entry.Action);
        Assert.StartsWith(entry.Before, entry.After, StringComparison.Ordinal);
        Assert.Equal(hana.Id, Assert.IsType<PartnerPersonStayed>(Assert.Single(events, e => e is PartnerPersonStayed)).UserId); // its Super Admins are told
    }

    [Fact]
    public void B7_only_a_Super_Admin_changes_whether_two_factor_sign_in_is_required()
    {
        var partner = Account.CreatePartner(1, "Rule Agency");
        var boss = new User(Guid.NewGuid(), "boss@rule.test", "Boss");
        var staff = new User(Guid.NewGuid(), "staff@rule.test", "Staff");
        partner.AddMember(boss, AccessType.SuperAdmin, DateTimeOffset.UtcNow);
        partner.AddMember(staff, AccessType.User, DateTimeOffset.UtcNow);
        partner.GrantPermissions(staff.Id, Permission.AddAndEditUsers);

        Assert.Equal(Account.OnlySuperAdminsRequireTwoFactor, partner.RequireTwoFactor(staff.Id, true).Refusal);
        Assert.False(partner.RequiresTwoFactor);
        Assert.True(partner.RequireTwoFactor(boss.Id, true).Succeeded);
        Assert.True(partner.RequiresTwoFactor);
        Assert.False(partner.RequireTwoFactor(boss.Id, true).Changed);
    }
}
