namespace PartnerPortal.Domain.Tests;

public class ClientAccessRulesTests
{
    private const long Brightwave = 44_000_001;
    private const long Crestline = 44_000_002;

    private readonly User _maria = World.Person("maria@harborcoffee.com");
    private readonly User _ava = World.Person("ava@brightwave.io");
    private readonly ClientAccount _client;

    public ClientAccessRulesTests() => _client = World.ClientWithSuperAdmins(_maria);

    [Fact]
    public void R3_approving_a_link_makes_a_new_member_Partner_Admin_with_a_partner_seat()
    {
        var outcome = _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.True(outcome.Succeeded);
        var membership = _client.MembershipOf(_ava.Id)!;
        Assert.Equal(AccessType.PartnerAdmin, membership.AccessType);
        Assert.Equal(SeatType.Partner, membership.Seat);
        Assert.Equal(Brightwave, membership.PartnerHubId);
        Assert.Equal(_maria.Id, membership.GrantedByUserId);
        Assert.Equal("Partner Admin, Partner seat", membership.Describe());
    }

    [Fact]
    public void A_membership_carries_its_account_s_name_and_kind_so_that_a_person_s_accounts_list_in_name_order_from_an_index()
    {
        var partner = Account.CreatePartner(Crestline, "Crestline Partners");
        partner.AddMember(_ava, AccessType.SuperAdmin, World.Now);
        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.Equal((_client.Name, AccountKind.Client), (_client.MembershipOf(_ava.Id)!.AccountName, _client.MembershipOf(_ava.Id)!.AccountKind));
        Assert.Equal(("Crestline Partners", AccountKind.Partner), (partner.MembershipOf(_ava.Id)!.AccountName, partner.MembershipOf(_ava.Id)!.AccountKind));
    }

    [Fact]
    public void A_membership_carries_its_user_s_name_and_email_so_that_a_partner_s_employees_list_in_name_order_from_an_index()
    {
        var partner = Account.CreatePartner(Crestline, "Crestline Partners");
        partner.AddMember(_ava, AccessType.SuperAdmin, World.Now);
        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.Equal((_ava.Name, _ava.Email), (partner.MembershipOf(_ava.Id)!.UserName, partner.MembershipOf(_ava.Id)!.UserEmail));
        Assert.Equal((_ava.Name, _ava.Email), (_client.MembershipOf(_ava.Id)!.UserName, _client.MembershipOf(_ava.Id)!.UserEmail));
        Assert.NotEqual("", _ava.Name);
    }

    [Fact]
    public void R3_approving_a_link_upgrades_an_existing_user_and_twice_is_harmless()
    {
        _client.AddMember(_ava, AccessType.User, World.Now);

        Assert.True(_client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now).Succeeded);
        Assert.True(_client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now).Succeeded);

        Assert.Equal(AccessType.PartnerAdmin, _client.MembershipOf(_ava.Id)!.AccessType);
        Assert.Equal(2, _client.Memberships.Count);
    }

    [Fact]
    public void R3_approving_a_link_never_lowers_a_Super_Admin()
    {
        _client.AddMember(_ava, AccessType.SuperAdmin, World.Now);

        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.Equal(AccessType.SuperAdmin, _client.MembershipOf(_ava.Id)!.AccessType);
        Assert.Equal(SeatType.Partner, _client.MembershipOf(_ava.Id)!.Seat);
    }

    [Fact]
    public void R4_a_link_cannot_be_approved_into_a_partner_account()
    {
        // A partner account has no way in by a link: approving is a client's (the compiler keeps it there; the page refuses a partner's Hub ID).
        Assert.NotNull(typeof(ClientAccount).GetMethod(nameof(ClientAccount.ApproveAccessLink)));
        Assert.Null(typeof(PartnerAccount).GetMethod(nameof(ClientAccount.ApproveAccessLink)));
        Assert.Null(typeof(Account).GetMethod(nameof(ClientAccount.ApproveAccessLink)));
    }

    [Fact]
    public void R21_one_email_is_a_partner_employee_for_a_client_under_one_partner_only()
    {
        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        var viaLink = _client.ApproveAccessLink(_ava, Crestline, new Actor(_maria.Id), World.Now);
        var viaAdd = _client.AddPartnerEmployee(_ava, Crestline, _client.StandardPartnerAdminSet, new Actor(_maria.Id), World.Now);
        var viaLinking = _client.LinkPartnerEmployee(_ava.Id, Crestline, World.AdminOf(_client), World.Now);

        Assert.All(new[] { viaLink, viaAdd, viaLinking }, o => Assert.Equal(ClientAccount.ConnectedWithAnotherPartner, o.Refusal));
        Assert.Equal(Brightwave, _client.MembershipOf(_ava.Id)!.PartnerHubId);
    }

    [Fact]
    public void R6_added_employees_get_a_partner_seat_and_the_chosen_permission_set()
    {
        var marketing = _client.DefinePermissionSet("Marketing", Permission.Marketing | Permission.ViewRecords);
        var ben = World.Person("ben@brightwave.io");

        Assert.True(_client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, new Actor(_maria.Id), World.Now).Succeeded);
        Assert.True(_client.AddPartnerEmployee(ben, Brightwave, marketing, new Actor(_maria.Id), World.Now).Succeeded);

        Assert.Equal(AccessType.PartnerAdmin, _client.MembershipOf(_ava.Id)!.AccessType);
        var benMembership = _client.MembershipOf(ben.Id)!;
        Assert.Equal(AccessType.User, benMembership.AccessType);
        Assert.Equal("Marketing", benMembership.PermissionSet!.Name);
        Assert.Equal(SeatType.Partner, benMembership.Seat);
        Assert.Equal(2, _client.PartnerEmployeesOf(Brightwave).Count());
    }

    [Fact]
    public void R8_linking_makes_an_existing_user_count_for_the_partner_without_changing_their_access()
    {
        var emma = World.Person("emma@gmail.com");
        var readOnly = _client.DefinePermissionSet("Read only", Permission.ViewRecords);
        _client.AddMember(emma, AccessType.User, World.Now);
        _client.ChangePermissionSet(emma.Id, readOnly, World.AdminOf(_client), World.Now);

        Assert.True(_client.LinkPartnerEmployee(emma.Id, Brightwave, World.AdminOf(_client), World.Now).Succeeded);

        var membership = _client.MembershipOf(emma.Id)!;
        Assert.True(membership.LinkedForManagedCredit);
        Assert.Equal(Brightwave, membership.PartnerHubId);
        Assert.Equal("Read only", membership.PermissionSet!.Name);
        Assert.False(_client.LinkPartnerEmployee(Guid.NewGuid(), Brightwave, World.AdminOf(_client), World.Now).Succeeded);
    }

    [Fact]
    public void R9_changing_a_partner_employees_permission_set_changes_their_access_type_with_it()
    {
        var sales = _client.DefinePermissionSet("Sales", Permission.Sales | Permission.ViewRecords);
        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.True(_client.ChangePermissionSet(_ava.Id, sales, World.AdminOf(_client), World.Now).Succeeded);
        Assert.Equal(AccessType.User, _client.MembershipOf(_ava.Id)!.AccessType);
        Assert.True(_client.ChangePermissionSet(_ava.Id, _client.StandardPartnerAdminSet, World.AdminOf(_client), World.Now).Succeeded);
        Assert.Equal(AccessType.PartnerAdmin, _client.MembershipOf(_ava.Id)!.AccessType);
        Assert.False(_client.ChangePermissionSet(_maria.Id, sales, World.AdminOf(_client), World.Now).Succeeded); // a Super Admin is changed to Partner Admin first
    }

    [Fact]
    public void R10_removing_a_partner_employee_takes_away_their_access()
    {
        _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.True(_client.RemovePartnerEmployees([_ava.Id], Brightwave, new Actor(_maria.Id)).Succeeded);

        Assert.Null(_client.MembershipOf(_ava.Id));
        Assert.Empty(_client.PartnerEmployeesOf(Brightwave));
        Assert.False(_client.RemovePartnerEmployees([_maria.Id], Brightwave, new Actor(_maria.Id)).Succeeded); // the client's own people are not the partner's to remove
    }

    [Fact]
    public void R14_the_last_Super_Admin_is_never_removed()
    {
        var ava = World.Person("ava@brightwave.io");
        var client = World.ClientWithSuperAdmins(ava);
        client.ApproveAccessLink(ava, Brightwave, new Actor(ava.Id), World.Now);

        var outcome = client.RemovePartnerEmployees([ava.Id], Brightwave, new Actor(ava.Id));

        Assert.False(outcome.Succeeded);
        Assert.Contains("only Super Admin", outcome.Refusal, StringComparison.Ordinal);
        Assert.Equal(1, client.SuperAdminCount);
    }

    [Fact]
    public void R20_the_partner_takes_its_employees_back_but_never_a_Super_Admin_of_the_client()
    {
        var ava = World.Person("ava@brightwave.io");
        var ben = World.Person("ben@brightwave.io");
        var client = World.ClientWithSuperAdmins(ava);
        client.ApproveAccessLink(ava, Brightwave, new Actor(ava.Id), World.Now);   // ava: the client's only Super Admin, for Brightwave
        client.ApproveAccessLink(ben, Brightwave, new Actor(ava.Id), World.Now);   // ben: Partner Admin for Brightwave
        var manager = new Actor(Guid.NewGuid(), Brightwave, new PartnerRole(Brightwave, SuperAdmin: false, ClientAccessManager: true));

        Assert.Equal([ava.Id], client.RevocationStays([ava.Id, ben.Id], Brightwave, manager).Keys);
        Assert.NotNull(client.MembershipOf(ben.Id)); // the review changes nothing

        var stays = client.RevokePartnerEmployees([ava.Id, ben.Id, _maria.Id], Brightwave, manager, AuditActions.PartnerEmployeeRemoved, World.Now);

        Assert.Contains("only the client's own Super Admins", stays[ava.Id], StringComparison.Ordinal);
        Assert.Null(client.MembershipOf(ben.Id));
        Assert.NotNull(client.MembershipOf(ava.Id));
        Assert.Equal(1, client.SuperAdminCount);
    }

    [Fact]
    public void R20_a_user_leaves_the_partner_account_by_an_admin_of_it_and_the_partner_keeps_a_Super_Admin()
    {
        var partner = Account.CreatePartner(Brightwave, "Brightwave Digital");
        var boss = World.Person("boss@brightwave.io");
        var admin = World.Person("admin@brightwave.io");
        var diego = World.Person("diego@brightwave.io");
        partner.AddMember(boss, AccessType.SuperAdmin, World.Now);
        partner.AddMember(admin, AccessType.User, World.Now);
        partner.GrantPermissions(admin.Id, Permission.AddAndEditUsers);
        partner.AddMember(diego, AccessType.User, World.Now);

        Assert.False(partner.RemoveUser(diego.Id, admin.Id).Succeeded);             // no Add and edit users
        Assert.False(partner.RemoveUser(admin.Id, boss.Id).Succeeded);             // a Super Admin, by a non-Super Admin
        Assert.False(partner.RemoveUser(boss.Id, boss.Id).Succeeded);              // yourself
        Assert.Equal(Outcome.Done, partner.RemoveUser(admin.Id, diego.Id));
        Assert.Null(partner.MembershipOf(diego.Id));
        Assert.NotNull(partner.WhyNotRemoveUser(admin.Id, diego.Id));              // gone already
    }
}
