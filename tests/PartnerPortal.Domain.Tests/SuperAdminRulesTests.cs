namespace PartnerPortal.Domain.Tests;

public class SuperAdminRulesTests
{
    private const long Partner = 44_000_001;

    [Fact]
    public void R14_the_only_Super_Admin_cannot_change_themselves_to_Partner_Admin()
    {
        var ava = World.Person("ava@brightwave.io");
        var client = World.ClientWithSuperAdmins(ava);
        var versionBefore = client.Version;

        var outcome = client.ChangeToPartnerAdmin(new Actor(ava.Id), ava.Id, keepBillingPermissions: false, partnerHubId: Partner, World.Now);

        Assert.False(outcome.Succeeded);
        Assert.Contains("at least one Super Admin", outcome.Refusal, StringComparison.Ordinal);
        Assert.Equal(AccessType.SuperAdmin, client.MembershipOf(ava.Id)!.AccessType);
        Assert.Equal(versionBefore, client.Version);
    }

    [Fact]
    public void R13_a_Super_Admin_becomes_Partner_Admin_and_may_keep_billing()
    {
        var maria = World.Person("maria@harborcoffee.com");
        var ava = World.Person("ava@brightwave.io");
        var client = World.ClientWithSuperAdmins(maria, ava);
        var versionBefore = client.Version;

        var outcome = client.ChangeToPartnerAdmin(new Actor(ava.Id), ava.Id, keepBillingPermissions: true, partnerHubId: Partner, World.Now);

        Assert.True(outcome.Succeeded);
        var membership = client.MembershipOf(ava.Id)!;
        Assert.Equal(AccessType.PartnerAdmin, membership.AccessType);
        Assert.True(membership.Has(Permission.EditBilling));
        Assert.False(membership.Has(Permission.ManageSuperAdmins));
        Assert.Equal(SeatType.Partner, membership.Seat);
        Assert.Equal(1, client.SuperAdminCount);
        Assert.True(client.Version > versionBefore); // the concurrency token moves with every Super Admin change
    }

    [Fact]
    public void R13_without_Keep_billing_permissions_billing_is_lost()
    {
        var maria = World.Person("maria@harborcoffee.com");
        var ava = World.Person("ava@brightwave.io");
        var client = World.ClientWithSuperAdmins(maria, ava);

        client.ChangeToPartnerAdmin(new Actor(ava.Id), ava.Id, keepBillingPermissions: false, partnerHubId: Partner, World.Now);

        Assert.False(client.MembershipOf(ava.Id)!.Has(Permission.EditBilling));
    }

    [Fact]
    public void R13_a_Partner_Admin_changes_another_Super_Admin_of_their_partner_but_not_the_clients_own()
    {
        var maria = World.Person("maria@harborcoffee.com");
        var ava = World.Person("ava@brightwave.io");
        var ben = World.Person("ben@brightwave.io");
        var client = World.ClientWithSuperAdmins(maria, ben);
        client.ApproveAccessLink(ava, Partner, new Actor(maria.Id), World.Now); // ava: Partner Admin for the partner

        var clientsOwn = client.ChangeToPartnerAdmin(new Actor(ava.Id), maria.Id, false, partnerHubId: null, World.Now);
        var colleague = client.ChangeToPartnerAdmin(new Actor(ava.Id), ben.Id, false, partnerHubId: Partner, World.Now);

        Assert.False(clientsOwn.Succeeded);
        Assert.True(colleague.Succeeded);
        Assert.Equal(AccessType.SuperAdmin, client.MembershipOf(maria.Id)!.AccessType);
        Assert.Equal(AccessType.PartnerAdmin, client.MembershipOf(ben.Id)!.AccessType);
    }

    [Fact]
    public void R14_once_one_of_two_Super_Admins_is_changed_the_other_cannot_be()
    {
        var ava = World.Person("ava@brightwave.io");
        var ben = World.Person("ben@brightwave.io");
        var client = World.ClientWithSuperAdmins(ava, ben);

        Assert.True(client.ChangeToPartnerAdmin(new Actor(ava.Id), ava.Id, false, Partner, World.Now).Succeeded);
        var second = client.ChangeToPartnerAdmin(new Actor(ben.Id), ben.Id, false, Partner, World.Now);

        Assert.False(second.Succeeded);
        Assert.Equal(1, client.SuperAdminCount);
    }
}
