using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain.Tests;

/// <summary>
/// One way to change access (B1, R12, R14): a real change bumps the account's version and tells
/// what changed; a change that changes nothing tells nothing.
/// </summary>
public class ChangeTrackingRulesTests
{
    private const long Brightwave = 44_000_001;
    private const long Crestline = 44_000_002;

    private readonly User _maria = World.Person("maria@harborcoffee.com");
    private readonly User _ava = World.Person("ava@brightwave.io");
    private readonly ClientAccount _client;
    private static readonly ClientAccess OnAPaidSeat = new(Template: false, SuperAdmin: false, PermissionSetId: null, SeatType.Paid);

    public ChangeTrackingRulesTests()
    {
        _client = World.ClientWithSuperAdmins(_maria);
        _client.ClearDomainEvents();
    }

    private Actor AvaForBrightwave => World.ForPartner(_ava.Id, Brightwave);

    [Fact]
    public void B1_R14_a_real_change_bumps_the_version_once_and_says_before_and_after()
    {
        var version = _client.Version;

        _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);

        Assert.Equal(version + 1, _client.Version);
        var changed = Assert.Single(_client.DomainEvents.OfType<AccessChanged>());
        Assert.Equal((AuditActions.PartnerEmployeeAdded, "ava@brightwave.io", "No access", "Partner Admin, Partner seat", (long?)Brightwave),
            (changed.Action, changed.Subject, changed.Before, changed.After, changed.PartnerHubId));
    }

    [Fact]
    public void B1_a_change_that_changes_nothing_tells_nothing_and_keeps_the_version()
    {
        _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        _client.ClearDomainEvents();
        var version = _client.Version;

        var again = _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        var approved = _client.ApproveAccessLink(_ava, Brightwave, new Actor(_maria.Id), World.Now);

        Assert.True(again.Succeeded && approved.Succeeded);
        Assert.False(again.Changed || approved.Changed);
        Assert.Empty(_client.DomainEvents);
        Assert.Equal(version, _client.Version);
    }

    [Fact]
    public void R12_a_partner_employee_acting_for_the_partner_records_a_qualifying_activity_and_the_client_does_not()
    {
        _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        var byPartner = Assert.Single(_client.DomainEvents.OfType<PartnerActed>());
        _client.ClearDomainEvents();

        var ben = World.Person("ben@brightwave.io");
        _client.ApproveAccessLink(ben, Brightwave, new Actor(_maria.Id), World.Now); // the client's own Super Admin approves

        Assert.Equal((_client.HubId, Brightwave, _ava.Id, World.Now), (byPartner.ClientHubId, byPartner.PartnerHubId, byPartner.UserId, byPartner.At));
        Assert.Empty(_client.DomainEvents.OfType<PartnerActed>());
    }

    [Fact]
    public void R3_R12_joining_and_leaving_say_which_partner_and_how_many_of_its_employees_remain()
    {
        var ben = World.Person("ben@brightwave.io");
        _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        _client.AddPartnerEmployee(ben, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        Assert.Equal(2, _client.DomainEvents.OfType<PartnerEmployeeJoined>().Count(e => e.PartnerHubId == Brightwave));
        _client.ClearDomainEvents();

        _client.RemovePartnerEmployees([ben.Id, _ava.Id], Brightwave, new Actor(_maria.Id));

        Assert.Equal([1, 0], _client.DomainEvents.OfType<PartnerEmployeeLeft>().Select(e => e.Remaining));
    }

    [Fact]
    public void R24_a_member_on_a_paid_seat_becomes_Partner_Admin_on_a_partner_seat()
    {
        var viaLink = World.Person("hana@brightwave.io");
        var viaAdd = World.Person("diego@brightwave.io");
        foreach (var person in new[] { viaLink, viaAdd })
        {
            _client.AddMember(person, AccessType.User, World.Now);
            Assert.True(_client.SetClientUserAccess(new Actor(_maria.Id), person.Id, OnAPaidSeat, World.Now).Succeeded);
        }

        _client.ApproveAccessLink(viaLink, Brightwave, new Actor(_maria.Id), World.Now);
        _client.AddPartnerEmployee(viaAdd, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);

        Assert.All(new[] { viaLink, viaAdd }, p => Assert.Equal((AccessType.PartnerAdmin, SeatType.Partner),
            (_client.MembershipOf(p.Id)!.AccessType, _client.MembershipOf(p.Id)!.Seat)));
        // Users & Teams cannot put a partner employee back on a paid seat: they keep their partner seat (R24).
        Assert.True(_client.SetClientUserAccess(new Actor(_maria.Id), viaLink.Id, OnAPaidSeat, World.Now).Succeeded);
        Assert.Equal(SeatType.Partner, _client.MembershipOf(viaLink.Id)!.Seat);
    }

    [Fact]
    public void R10_R28_a_partner_removes_its_own_people_wherever_it_works_but_never_a_Super_Admin_and_not_without_the_right()
    {
        var superAdmin = World.Person("sue@brightwave.io");
        var partnerAdmin = World.Person("pam@brightwave.io");
        _client.AddMember(superAdmin, AccessType.SuperAdmin, World.Now);
        _client.AddPartnerEmployee(superAdmin, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        _client.AddPartnerEmployee(partnerAdmin, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now);
        var managerWithNothingHere = World.ForPartner(Guid.NewGuid(), Brightwave, superAdmin: false, clientAccessManager: true);
        var plainEmployee = World.ForPartner(Guid.NewGuid(), Brightwave, superAdmin: false);

        var byPartnerAdmin = _client.RemovalBlockers([superAdmin.Id], Brightwave, World.ForPartner(partnerAdmin.Id, Brightwave));
        var byPlainEmployee = _client.RemovalBlockers([partnerAdmin.Id], Brightwave, plainEmployee);
        var byManager = _client.RemovalBlockers([partnerAdmin.Id, superAdmin.Id], Brightwave, managerWithNothingHere);
        var bySuperAdminHere = _client.RemovalBlockers([superAdmin.Id], Brightwave, World.ForPartner(superAdmin.Id, Brightwave));

        Assert.Contains("only the client's own Super Admins can change or remove a Super Admin, never a partner", byPartnerAdmin[superAdmin.Id], StringComparison.Ordinal);
        Assert.Contains("You need to be a Super Admin or have Client access manager", byPlainEmployee[partnerAdmin.Id], StringComparison.Ordinal);
        Assert.Equal([superAdmin.Id], byManager.Keys); // the Partner Admin may go, the Super Admin stays
        Assert.Single(bySuperAdminHere); // never through a partner's pages, even by a Super Admin of the client
        Assert.True(_client.RemovePartnerEmployees([partnerAdmin.Id], Brightwave, managerWithNothingHere).Succeeded);
    }

    [Fact]
    public void R14_removing_several_at_once_never_takes_the_last_Super_Admin()
    {
        var ava = World.Person("ava2@brightwave.io");
        var ben = World.Person("ben2@brightwave.io");
        var client = World.ClientWithSuperAdmins(ava, ben);
        client.AddPartnerEmployee(ava, Brightwave, client.StandardPartnerAdminSet, new Actor(ava.Id), World.Now);
        client.AddPartnerEmployee(ben, Brightwave, client.StandardPartnerAdminSet, new Actor(ava.Id), World.Now);

        var outcome = client.RemovePartnerEmployees([ava.Id, ben.Id], Brightwave, new Actor(ava.Id));

        Assert.False(outcome.Succeeded);
        Assert.Contains("only Super Admin left", outcome.Refusal, StringComparison.Ordinal);
        Assert.Equal(2, client.SuperAdminCount); // all or none
    }

    [Fact]
    public void R21_the_refusal_carries_the_three_ways_out()
    {
        _client.ApproveAccessLink(_ava, Crestline, new Actor(_maria.Id), World.Now);

        var refusal = _client.AddPartnerEmployee(_ava, Brightwave, _client.StandardPartnerAdminSet, AvaForBrightwave, World.Now).Refusal!;

        Assert.StartsWith("Their email address is already connected with another partner record for this client.", refusal, StringComparison.Ordinal);
        Assert.Contains("ask the first partner to remove", refusal, StringComparison.Ordinal);
        Assert.Contains("your partner email domain", refusal, StringComparison.Ordinal);
        Assert.Contains("a different email address", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, false, SeatType.Partner, true, "Counts (partner domain email)")]
    [InlineData(true, false, true, SeatType.Core, true, "Counts (linked)")]
    [InlineData(true, false, false, SeatType.Partner, true, "Counts (added with a partner seat)")]
    [InlineData(false, true, false, SeatType.Partner, false, "Not counted: the Partner employee switch is off")]
    public void R7_R8_R15_managed_credit_counts_for_tagged_employees_on_the_domain_added_or_linked(
        bool tagged, bool onDomain, bool link, SeatType seat, bool counts, string label)
    {
        var person = World.Person("someone@example.org");
        _client.AddMember(person, AccessType.User, World.Now);
        if (seat != SeatType.Partner) // the client's own user on that seat first, as Users & Teams gives it
            Assert.True(_client.SetClientUserAccess(new Actor(_maria.Id), person.Id, OnAPaidSeat with { Seat = seat }, World.Now).Succeeded);
        if (link) _client.LinkPartnerEmployee(person.Id, Brightwave, AvaForBrightwave, World.Now);
        else _client.AddPartnerEmployee(person, Brightwave, _client.PermissionSets[0], AvaForBrightwave, World.Now);

        Assert.Equal(seat, _client.MembershipOf(person.Id)!.Seat);
        Assert.Equal((counts, label), ManagedCredit.Of(_client.MembershipOf(person.Id)!, Brightwave, tagged, onDomain));
    }

    [Fact]
    public void R7_a_user_the_client_added_by_hand_does_not_count_until_linked()
    {
        var george = World.Person("george@outlook.com");
        _client.AddMember(george, AccessType.User, World.Now);

        Assert.Equal((false, "Not counted: use Link clients"), ManagedCredit.Of(_client.MembershipOf(george.Id)!, Brightwave, isPartnerEmployee: true, onPartnerDomain: false));
    }
}
