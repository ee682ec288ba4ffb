namespace PartnerPortal.Domain.Tests;

public class AccessRulesTests
{
    [Fact]
    public void R5_default_access_types_are_Partner_Admin_and_Super_Admin()
    {
        var filter = AccessTypeFilter.Default;

        Assert.True(filter.Includes(AccessType.PartnerAdmin));
        Assert.True(filter.Includes(AccessType.SuperAdmin));
        Assert.False(filter.Includes(AccessType.User));
        Assert.False(filter.Includes(null));
        Assert.False(filter.IsEverything);
    }

    [Fact]
    public void R5_selecting_all_access_types_includes_clients_where_you_have_no_access()
    {
        var filter = AccessTypeFilter.Everything;

        Assert.True(filter.IsEverything);
        Assert.True(filter.Includes(null));
        Assert.All(Enum.GetValues<AccessType>(), t => Assert.True(filter.Includes(t)));
    }

    [Fact]
    public void R5_only_Super_Admins_and_client_access_managers_manage_client_access()
    {
        var partner = Account.CreatePartner(44_000_001, "Brightwave Digital");
        var admin = partner.AddMember(World.Person("ava@brightwave.io"), AccessType.SuperAdmin, World.Now);
        var manager = partner.AddMember(World.Person("ben@brightwave.io"), AccessType.User, World.Now);
        partner.GrantPermissions(manager.UserId, Permission.ClientAccessManager);
        var plain = partner.AddMember(World.Person("diego@brightwave.io"), AccessType.User, World.Now);
        var employeeManager = partner.AddMember(World.Person("chloe@brightwave.io"), AccessType.User, World.Now);
        partner.GrantPermissions(employeeManager.UserId, Permission.PartnerEmployeeManagement);

        Assert.True(AccessPolicy.CanManageClientAccess(admin));
        Assert.True(AccessPolicy.CanManageClientAccess(manager));
        Assert.False(AccessPolicy.CanManageClientAccess(plain));
        Assert.False(AccessPolicy.CanManageClientAccess(employeeManager));
        Assert.False(AccessPolicy.CanManageClientAccess(null));
        // R19
        Assert.True(AccessPolicy.CanSeePartnerEmployees(employeeManager));
        Assert.False(AccessPolicy.CanSeePartnerEmployees(manager));
    }

    [Fact]
    public void R28_a_Partner_Admin_cannot_manage_Super_Admins_billing_or_sensitive_data()
    {
        var maria = World.Person("maria@harborcoffee.com");
        var ava = World.Person("ava@brightwave.io");
        var client = World.ClientWithSuperAdmins(maria);
        var partnerAdmin = client.AddMember(ava, AccessType.PartnerAdmin, World.Now);

        Assert.False(partnerAdmin.Has(Permission.ManageSuperAdmins));
        Assert.False(partnerAdmin.Has(Permission.EditBilling));
        Assert.False(partnerAdmin.Has(Permission.ManageSensitiveData));
        Assert.True(partnerAdmin.Has(Permission.AddAndEditUsers));
        Assert.True(partnerAdmin.Has(Permission.Marketing | Permission.Sales));
        Assert.Equal(Permissions.StandardPartnerAdmin, client.StandardPartnerAdminSet.Permissions);
    }

    [Fact]
    public void R28_a_permission_set_cannot_smuggle_in_Super_Admin_rights()
    {
        var client = World.ClientWithSuperAdmins(World.Person("maria@harborcoffee.com"));

        var set = client.DefinePermissionSet("Everything", Permission.All);

        Assert.False(set.Permissions.HasFlag(Permission.ManageSuperAdmins));
        Assert.False(set.Permissions.HasFlag(Permission.ManageSensitiveData));
        Assert.Throws<InvalidOperationException>(() => client.DefinePermissionSet("everything", Permission.ViewRecords));
    }

    [Fact]
    public void R9_a_client_user_works_with_the_permissions_of_their_set()
    {
        var tom = World.Person("tom@harborcoffee.com");
        var client = World.ClientWithSuperAdmins(World.Person("maria@harborcoffee.com"));
        var membership = client.AddMember(tom, AccessType.User, World.Now);
        var readOnly = client.DefinePermissionSet("Read only", Permission.ViewRecords | Permission.Reports);

        Assert.True(client.ChangePermissionSet(tom.Id, readOnly, World.AdminOf(client), World.Now).Succeeded);

        Assert.True(membership.Has(Permission.ViewRecords));
        Assert.False(membership.Has(Permission.EditRecords));
        var other = Account.CreateClient(45_000_002, "Other").DefinePermissionSet("Sales", Permission.Sales);
        Assert.Throws<InvalidOperationException>(() => client.ChangePermissionSet(tom.Id, other, World.AdminOf(client), World.Now));
        // R24: the Partner Admin template is for partner employees with a partner seat only.
        Assert.False(client.ChangePermissionSet(tom.Id, client.StandardPartnerAdminSet, World.AdminOf(client), World.Now).Succeeded);
    }

    [Fact]
    public void Partner_Admin_is_not_an_access_type_of_partner_accounts()
    {
        var partner = Account.CreatePartner(44_000_001, "Brightwave Digital");

        Assert.Throws<InvalidOperationException>(() => partner.AddMember(World.Person("ava@brightwave.io"), AccessType.PartnerAdmin, World.Now));
    }

    [Fact]
    public void A_user_is_a_member_of_an_account_once()
    {
        var maria = World.Person("maria@harborcoffee.com");
        var client = World.ClientWithSuperAdmins(maria);

        Assert.Throws<InvalidOperationException>(() => client.AddMember(maria, AccessType.User, World.Now));
    }

    [Fact]
    public void R2_the_permission_rule_the_database_evaluates_answers_as_the_membership_does()
    {
        var client = World.ClientWithSuperAdmins(World.Person("maria@harborcoffee.com"));
        var partnerAdmin = client.AddMember(World.Person("ava@brightwave.io"), AccessType.PartnerAdmin, World.Now);
        var withSet = client.AddMember(World.Person("tom@harborcoffee.com"), AccessType.User, World.Now);
        client.ChangePermissionSet(withSet.UserId, client.DefinePermissionSet("Users and marketing", Permission.AddAndEditUsers | Permission.Marketing),
            new Actor(client.Memberships[0].UserId), World.Now);
        var granted = client.AddMember(World.Person("ann@harborcoffee.com"), AccessType.User, World.Now);
        client.GrantPermissions(granted.UserId, Permission.AddAndEditUsers);
        var plain = client.AddMember(World.Person("pat@harborcoffee.com"), AccessType.User, World.Now);

        foreach (var member in new[] { client.Memberships[0], partnerAdmin, withSet, granted, plain })
            foreach (var permission in Enum.GetValues<Permission>().Where(p => p != Permission.None))
                Assert.True(member.Has(permission) == Membership.HasInQuery(permission).Compile()(member), $"{member.AccessType} and {permission}");
        Assert.True(AccessPolicy.CanApproveAccessLinks(withSet));
        Assert.True(AccessPolicy.CanApproveAccessLinks(granted));
        Assert.False(AccessPolicy.CanApproveAccessLinks(plain));
    }
}
