namespace PartnerPortal.Domain.Tests;

/// <summary>
/// SPEC §3 "who may change whom", as a table: every actor standing × every target standing × every kind of change, the
/// policy's verdict against the verdict written here (docs/rules.md writes the same table out).
/// </summary>
public sealed class WhoMayChangeWhomTests
{
    private const long P = 44_000_001, Q = 44_000_002;

    /// <summary>The actor standings: who they are in the client, and whether they act through P's pages with which rights.</summary>
    public enum Standing
    {
        ClientSuperAdmin, ClientUserWithAddAndEditUsers, PartnerAdminOfP, PartnerAdminOfPThroughP, PartnerAdminOfQ,
        ManagerOfPNotInClient, ManagerOfPWhoIsPartnerAdmin, PlainEmployeeOfPNotInClient, SuperAdminOfPNotInClient,
    }

    public enum Target { EmployeeOfP, EmployeeOfQ, OwnSuperAdmin, SuperAdminWhoIsEmployeeOfP, OwnUser }

    // Columns: Remove, ChangePermissionSet (or access), SetEndDate, ChangeToPartnerAdmin (Super Admins only). Y allowed, n refused, - not asked.
    private static readonly Dictionary<(Standing, Target), string> Table = new()
    {
        [(Standing.ClientSuperAdmin, Target.EmployeeOfP)] = "YYY-",
        [(Standing.ClientSuperAdmin, Target.EmployeeOfQ)] = "YYY-",
        [(Standing.ClientSuperAdmin, Target.OwnSuperAdmin)] = "Y-YY",
        [(Standing.ClientSuperAdmin, Target.SuperAdminWhoIsEmployeeOfP)] = "Y-YY",
        [(Standing.ClientSuperAdmin, Target.OwnUser)] = "YY--",
        [(Standing.ClientUserWithAddAndEditUsers, Target.EmployeeOfP)] = "YYY-",
        [(Standing.ClientUserWithAddAndEditUsers, Target.EmployeeOfQ)] = "YYY-",
        [(Standing.ClientUserWithAddAndEditUsers, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.ClientUserWithAddAndEditUsers, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nn",
        [(Standing.ClientUserWithAddAndEditUsers, Target.OwnUser)] = "YY--",
        [(Standing.PartnerAdminOfP, Target.EmployeeOfP)] = "nYn-",
        [(Standing.PartnerAdminOfP, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.PartnerAdminOfP, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.PartnerAdminOfP, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nY",
        [(Standing.PartnerAdminOfP, Target.OwnUser)] = "YY--",
        [(Standing.PartnerAdminOfPThroughP, Target.EmployeeOfP)] = "nYn-",
        [(Standing.PartnerAdminOfPThroughP, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.PartnerAdminOfPThroughP, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.PartnerAdminOfPThroughP, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nY",
        [(Standing.PartnerAdminOfPThroughP, Target.OwnUser)] = "nn--",
        [(Standing.PartnerAdminOfQ, Target.EmployeeOfP)] = "nnn-",
        [(Standing.PartnerAdminOfQ, Target.EmployeeOfQ)] = "nYn-",
        [(Standing.PartnerAdminOfQ, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.PartnerAdminOfQ, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nn",
        [(Standing.PartnerAdminOfQ, Target.OwnUser)] = "YY--",
        [(Standing.ManagerOfPNotInClient, Target.EmployeeOfP)] = "YnY-",
        [(Standing.ManagerOfPNotInClient, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.ManagerOfPNotInClient, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.ManagerOfPNotInClient, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nn",
        [(Standing.ManagerOfPNotInClient, Target.OwnUser)] = "nn--",
        [(Standing.ManagerOfPWhoIsPartnerAdmin, Target.EmployeeOfP)] = "YYY-",
        [(Standing.ManagerOfPWhoIsPartnerAdmin, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.ManagerOfPWhoIsPartnerAdmin, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.ManagerOfPWhoIsPartnerAdmin, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nY",
        [(Standing.ManagerOfPWhoIsPartnerAdmin, Target.OwnUser)] = "nn--",
        [(Standing.PlainEmployeeOfPNotInClient, Target.EmployeeOfP)] = "nnn-",
        [(Standing.PlainEmployeeOfPNotInClient, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.PlainEmployeeOfPNotInClient, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.PlainEmployeeOfPNotInClient, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nn",
        [(Standing.PlainEmployeeOfPNotInClient, Target.OwnUser)] = "nn--",
        [(Standing.SuperAdminOfPNotInClient, Target.EmployeeOfP)] = "YnY-",
        [(Standing.SuperAdminOfPNotInClient, Target.EmployeeOfQ)] = "nnn-",
        [(Standing.SuperAdminOfPNotInClient, Target.OwnSuperAdmin)] = "n-nn",
        [(Standing.SuperAdminOfPNotInClient, Target.SuperAdminWhoIsEmployeeOfP)] = "n-nn",
        [(Standing.SuperAdminOfPNotInClient, Target.OwnUser)] = "nn--",
    };

    private static readonly MemberChange[] Columns = [MemberChange.Remove, MemberChange.ChangePermissionSet, MemberChange.SetEndDate, MemberChange.ChangeToPartnerAdmin];

    public static TheoryData<Standing, Target> Cells()
    {
        var data = new TheoryData<Standing, Target>();
        foreach (var standing in Enum.GetValues<Standing>())
            foreach (var target in Enum.GetValues<Target>())
                data.Add(standing, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void SPEC3_each_actor_standing_may_change_each_target_exactly_as_the_table_says(Standing standing, Target target)
    {
        var (client, actor, actorHere) = World(standing);
        var (member, targetPartner) = Make(client, target);
        var expected = Table[(standing, target)];

        for (var i = 0; i < Columns.Length; i++)
        {
            if (expected[i] == '-') continue;
            var change = Columns[i] == MemberChange.ChangePermissionSet && member.PartnerHubId is null ? MemberChange.ChangeAccess : Columns[i];
            var verdict = WhoMayChangeWhom.WhyNot(actor, actorHere, member, change, client.Name, targetPartner);
            Assert.True((expected[i] == 'Y') == (verdict is null), $"{standing} → {target}, {change}: expected {(expected[i] == 'Y' ? "allowed" : "refused")}, was {verdict ?? "allowed"}");
        }
    }

    [Theory]
    [InlineData(Standing.ClientSuperAdmin, true)]
    [InlineData(Standing.ClientUserWithAddAndEditUsers, true)]
    [InlineData(Standing.PartnerAdminOfP, false)]
    [InlineData(Standing.PartnerAdminOfQ, false)]
    [InlineData(Standing.ManagerOfPWhoIsPartnerAdmin, false)]
    [InlineData(Standing.SuperAdminOfPNotInClient, false)]
    public void R23_SPEC3_revoking_a_whole_partner_is_the_clients_own_admins_decision_only(Standing standing, bool allowed)
    {
        var (client, actor, actorHere) = World(standing);
        Assert.Equal(allowed, WhoMayChangeWhom.WhyNotRevokePartner(actor, actorHere, client.Name) is null);
    }

    [Theory]
    [InlineData(Standing.ClientSuperAdmin, true)]
    [InlineData(Standing.ClientUserWithAddAndEditUsers, true)]
    [InlineData(Standing.PartnerAdminOfP, true)]       // approving a colleague's link, R24's template
    [InlineData(Standing.PartnerAdminOfQ, false)]      // never another partner's people
    [InlineData(Standing.ManagerOfPWhoIsPartnerAdmin, true)] // R6
    [InlineData(Standing.PlainEmployeeOfPNotInClient, false)]
    public void R2_R6_R24_SPEC3_who_may_make_someone_the_partners_employee_in_the_client(Standing standing, bool allowed)
    {
        var (client, actor, actorHere) = World(standing);
        Assert.Equal(allowed, WhoMayChangeWhom.WhyNotAdd(actor, actorHere, null, P, endsAt: false, client.Name) is null);
    }

    [Fact]
    public void B3_SPEC3_an_end_date_on_a_Super_Admin_is_set_only_by_a_Super_Admin_of_the_client_on_its_own_pages()
    {
        var (client, owner, ownerHere) = World(Standing.ClientSuperAdmin);
        var (superAdmin, _) = Make(client, Target.SuperAdminWhoIsEmployeeOfP);
        var (_, manager, managerHere) = World(Standing.ManagerOfPWhoIsPartnerAdmin);

        Assert.Null(WhoMayChangeWhom.WhyNotAdd(owner, ownerHere, superAdmin, P, endsAt: true, client.Name));
        Assert.NotNull(WhoMayChangeWhom.WhyNotAdd(manager, managerHere, superAdmin, P, endsAt: true, client.Name));
    }

    [Fact]
    public void SPEC3_the_table_covers_every_standing_and_target()
    {
        Assert.Equal(Enum.GetValues<Standing>().Length * Enum.GetValues<Target>().Length, Table.Count);
    }

    private static (ClientAccount Client, Actor Actor, Membership? Here) World(Standing standing)
    {
        var client = Account.CreateClient(45_900_001, "Table Co");
        var owner = Person("owner@table.test");
        client.AddMember(owner, AccessType.SuperAdmin, Tests.World.Now);
        var editors = client.DefinePermissionSet("Editors", Permission.AddAndEditUsers | Permission.ViewRecords);
        var me = Person("me@agency.test");
        Actor actor;
        switch (standing)
        {
            case Standing.ClientSuperAdmin:
                return (client, new Actor(owner.Id), client.MembershipOf(owner.Id));
            case Standing.ClientUserWithAddAndEditUsers:
                client.AddMember(me, AccessType.User, Tests.World.Now);
                client.ChangePermissionSet(me.Id, editors, new Actor(owner.Id), Tests.World.Now);
                actor = new Actor(me.Id);
                break;
            case Standing.PartnerAdminOfP or Standing.PartnerAdminOfPThroughP:
                client.ApproveAccessLink(me, P, new Actor(owner.Id), Tests.World.Now);
                actor = standing == Standing.PartnerAdminOfP ? new Actor(me.Id, P) : Tests.World.ForPartner(me.Id, P, superAdmin: false);
                break;
            case Standing.PartnerAdminOfQ:
                client.ApproveAccessLink(me, Q, new Actor(owner.Id), Tests.World.Now);
                actor = new Actor(me.Id, Q);
                break;
            case Standing.ManagerOfPNotInClient:
                actor = Tests.World.ForPartner(me.Id, P, superAdmin: false, clientAccessManager: true);
                break;
            case Standing.ManagerOfPWhoIsPartnerAdmin:
                client.ApproveAccessLink(me, P, new Actor(owner.Id), Tests.World.Now);
                actor = Tests.World.ForPartner(me.Id, P, superAdmin: false, clientAccessManager: true);
                break;
            case Standing.PlainEmployeeOfPNotInClient:
                actor = Tests.World.ForPartner(me.Id, P, superAdmin: false);
                break;
            default:
                actor = Tests.World.ForPartner(me.Id, P, superAdmin: true);
                break;
        }
        return (client, actor, client.MembershipOf(me.Id));
    }

    private static (Membership Member, long? Partner) Make(ClientAccount client, Target target)
    {
        var owner = client.Memberships.First(m => m.IsSuperAdmin).UserId;
        var person = Person($"{target}@somewhere.test".ToLowerInvariant());
        switch (target)
        {
            case Target.EmployeeOfP or Target.EmployeeOfQ:
                client.ApproveAccessLink(person, target == Target.EmployeeOfP ? P : Q, new Actor(owner), Tests.World.Now);
                return (client.MembershipOf(person.Id)!, null);
            case Target.OwnSuperAdmin:
                return (client.AddMember(person, AccessType.SuperAdmin, Tests.World.Now), null);
            case Target.SuperAdminWhoIsEmployeeOfP:
                return (client.AddMember(person, AccessType.SuperAdmin, Tests.World.Now), P);
            default:
                return (client.AddMember(person, AccessType.User, Tests.World.Now), null);
        }
    }

    private static User Person(string email) => Tests.World.Person(email);
}
