using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain.Tests;

/// <summary>The client's own side of a client account: R23, R24, R28, B2, and qualifying activity.</summary>
public class ClientSideRulesTests
{
    private const long Partner = 44_000_001;

    private static (ClientAccount Client, User Owner, User PartnerAdmin) ClientWithPartnerAdmin(bool keepBilling = false)
    {
        var owner = World.Person("owner@harbor.test");
        var employee = World.Person("kim@agency.test");
        var client = World.ClientWithSuperAdmins(owner, employee);
        Assert.True(client.ChangeToPartnerAdmin(new Actor(owner.Id, null), employee.Id, keepBilling, Partner, World.Now).Succeeded);
        client.ClearDomainEvents();
        return (client, owner, employee);
    }

    [Theory]
    [InlineData(true, true, true, false, true)]
    [InlineData(true, true, false, true, true)]
    [InlineData(true, true, false, false, false)]
    [InlineData(false, true, true, true, false)]
    [InlineData(true, false, true, true, false)]
    public void R24_the_Partner_Admin_template_is_for_partner_employees_of_a_servicing_or_invited_partner_on_its_domain_or_assigned(
        bool switchOn, bool servicesOrInvited, bool onDomain, bool assigned, bool eligible)
    {
        Assert.Equal(eligible, ClientAccount.IsEligiblePartnerEmployee(switchOn, servicesOrInvited, onDomain, assigned));
    }

    [Fact]
    public void R24_the_template_makes_a_Partner_Admin_on_a_partner_seat_and_is_refused_without_an_eligible_partner()
    {
        var (client, owner, _) = ClientWithPartnerAdmin();
        var newcomer = World.Person("new@agency.test");

        Assert.False(client.CreateClientUser(new Actor(owner.Id), newcomer, ClientAccess.PartnerAdminTemplate, null, World.Now).Succeeded);
        Assert.Null(client.MembershipOf(newcomer.Id));

        Assert.True(client.CreateClientUser(new Actor(owner.Id), newcomer, ClientAccess.PartnerAdminTemplate, Partner, World.Now).Succeeded);
        var member = client.MembershipOf(newcomer.Id)!;
        Assert.Equal((AccessType.PartnerAdmin, SeatType.Partner, (long?)Partner), (member.AccessType, member.Seat, member.PartnerHubId));
    }

    [Fact]
    public void R28_a_Partner_Admin_cannot_make_or_remove_Super_Admins_or_touch_billing_and_sensitive_data_unless_billing_was_kept()
    {
        var (client, owner, partnerAdmin) = ClientWithPartnerAdmin();
        var actor = new Actor(partnerAdmin.Id, Partner);
        var someone = World.Person("someone@harbor.test");

        Assert.False(client.CreateClientUser(actor, someone, new ClientAccess(false, true, null, SeatType.Core), null, World.Now).Succeeded);
        Assert.False(client.RemoveClientUsers(actor, [owner.Id], "Removed", World.Now).Succeeded);
        Assert.False(client.SetClientUserAccess(actor, owner.Id, new ClientAccess(false, false, null, SeatType.Core), World.Now).Succeeded);
        Assert.False(client.ChangeBillingOwner(actor, owner.Id, World.Now).Succeeded);
        Assert.False(client.AllowSensitiveData(actor, true, World.Now).Succeeded);
        Assert.False(client.RequireTwoFactor(actor, true, World.Now).Succeeded);
        Assert.Equal(AccessType.SuperAdmin, client.MembershipOf(owner.Id)!.AccessType);

        // A Partner Admin who kept billing permissions changes billing (to one of the client's own users), nothing more.
        var (kept, keptOwner, keeper) = ClientWithPartnerAdmin(keepBilling: true);
        Assert.True(kept.ChangeBillingOwner(new Actor(keeper.Id, Partner), keptOwner.Id, World.Now).Succeeded);
        Assert.False(kept.ChangeBillingOwner(new Actor(keeper.Id, Partner), keeper.Id, World.Now).Succeeded); // never a partner employee
        Assert.False(kept.AllowSensitiveData(new Actor(keeper.Id, Partner), true, World.Now).Succeeded);
    }

    [Fact]
    public void R28_a_clients_own_permission_set_never_holds_Super_Admin_billing_sensitive_data_or_partner_permissions()
    {
        var (client, owner, _) = ClientWithPartnerAdmin();

        Assert.True(client.CreatePermissionSet(new Actor(owner.Id), "Everything", Permission.All, World.Now).Succeeded);

        var set = client.PermissionSets.Single(s => s.Name == "Everything");
        Assert.Equal(Permission.None, set.Permissions & (Permission.ManageSuperAdmins | Permission.EditBilling | Permission.ManageSensitiveData
            | Permission.ClientAccessManager | Permission.PartnerEmployeeManagement));
        Assert.False(client.CreatePermissionSet(new Actor(owner.Id), "everything", Permission.Sales, World.Now).Succeeded); // names are unique
        Assert.False(client.EditPermissionSet(new Actor(owner.Id), client.StandardPartnerAdminSet.Id, "Mine", Permission.Sales, World.Now).Succeeded);
    }

    [Fact]
    public void R23_revoking_a_partner_removes_all_its_employees_and_says_the_relationship_ends_but_never_leaves_no_Super_Admin()
    {
        var (client, owner, partnerAdmin) = ClientWithPartnerAdmin();
        var other = World.Person("other@agency.test");
        client.AddPartnerEmployee(other, Partner, client.PermissionSets[0], new Actor(owner.Id), World.Now);

        Assert.False(client.RevokePartner(new Actor(partnerAdmin.Id, Partner), Partner, World.Now).Succeeded); // not by the partner itself
        Assert.True(client.RevokePartner(new Actor(owner.Id), Partner, World.Now).Succeeded);

        Assert.Empty(client.PartnerEmployeesOf(Partner));
        Assert.Single(client.DomainEvents.OfType<PartnerRevoked>());

        // A partner whose employee is the client's only Super Admin cannot be revoked whole: R14 holds.
        var only = World.Person("only@agency.test");
        var alone = World.ClientWithSuperAdmins(only);
        var admin = World.Person("admin@harbor.test");
        alone.AddMember(admin, AccessType.User, World.Now);
        alone.LinkPartnerEmployee(only.Id, Partner, new Actor(only.Id), World.Now);
        alone.GrantPermissions(admin.Id, Permission.AddAndEditUsers | Permission.ManageSuperAdmins);
        Assert.False(alone.RevokePartner(new Actor(admin.Id), Partner, World.Now).Succeeded);
        Assert.NotNull(alone.MembershipOf(only.Id));
    }

    [Fact]
    public void B2_an_end_date_is_in_the_future_and_never_on_the_last_Super_Admin()
    {
        var (client, owner, partnerAdmin) = ClientWithPartnerAdmin();

        Assert.False(client.SetAccessEnd(new Actor(owner.Id), partnerAdmin.Id, World.Now.AddDays(-1), World.Now).Succeeded);
        Assert.True(client.SetAccessEnd(new Actor(owner.Id), partnerAdmin.Id, World.Now.AddDays(30), World.Now).Succeeded);
        Assert.Equal(World.Now.AddDays(30), client.MembershipOf(partnerAdmin.Id)!.ExpiresAt);
        Assert.False(client.SetAccessEnd(new Actor(owner.Id), owner.Id, World.Now.AddDays(30), World.Now).Succeeded); // not a partner employee
    }

    [Fact]
    public void Q_every_change_a_partner_employee_makes_on_the_clients_pages_is_a_qualifying_activity_and_the_clients_own_are_not()
    {
        var (client, owner, partnerAdmin) = ClientWithPartnerAdmin();

        client.CreatePermissionSet(new Actor(partnerAdmin.Id, Partner), "Agency", Permission.Marketing, World.Now);
        client.CreatePermissionSet(new Actor(owner.Id), "Own", Permission.Sales, World.Now);

        var acted = Assert.Single(client.DomainEvents.OfType<PartnerActed>());
        Assert.Equal((partnerAdmin.Id, Partner), (acted.UserId, acted.PartnerHubId));
    }
}
