namespace PartnerPortal.Domain.Tests;

public class PartnerAccessRulesTests
{
    private static readonly PartnerAccessFacts AllMet = new(IsAdminInClient: true, IsUserOfPartner: true, ClientHasPaidSeat: true, ClientIsPartner: false);

    [Theory]
    [InlineData(false, true, true, false, "Admin in the client account")]
    [InlineData(true, false, true, false, "User of the partner account")]
    [InlineData(true, true, false, false, "Paid Sales Hub or Service Hub seat")]
    [InlineData(true, true, true, true, "Client is not a partner account")]
    public void R25_each_condition_by_itself_is_named_with_how_to_meet_it_and_blocks_the_request(bool admin, bool user, bool paid, bool partner, string name)
    {
        var facts = new PartnerAccessFacts(admin, user, paid, partner);

        Assert.Equal([name], PartnerAccessRequest.UnmetConditions(facts));
        var condition = PartnerAccessRequest.Conditions(facts).Single(c => c.Name == name);
        Assert.False(condition.Met);
        Assert.NotEmpty(condition.HowToMeet);
        var (outcome, request) = PartnerAccessRequest.Submit(44_000_001, 45_000_001, Guid.NewGuid(), Guid.NewGuid(), facts, World.Now);
        Assert.False(outcome.Succeeded);
        Assert.Contains(name, outcome.Refusal, StringComparison.Ordinal);
        Assert.Null(request);
    }

    [Fact]
    public void R25_all_conditions_unmet_are_all_named_and_the_facts_come_from_the_client()
    {
        var partnerAsClient = Account.CreatePartner(45_200_013, "Lumen Reseller Network");

        var unmet = PartnerAccessRequest.UnmetConditions(PartnerAccessFacts.Of(partnerAsClient, isAdminInClient: false, isUserOfPartner: false));

        Assert.Equal(4, unmet.Count);
        var paying = Account.CreateClient(45_000_001, "Vertex Software");
        paying.SetRevenue(12_000m, paidSalesHubSeats: 0, paidServiceHubSeats: 1);
        Assert.Empty(PartnerAccessRequest.UnmetConditions(PartnerAccessFacts.Of(paying, true, true)));
    }

    [Fact]
    public void R25_a_request_for_a_partner_user_is_submitted_when_every_condition_holds()
    {
        var forUser = Guid.NewGuid();
        var (outcome, request) = PartnerAccessRequest.Submit(44_000_001, 45_000_001, forUser, Guid.NewGuid(), AllMet, World.Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal((PartnerAccessRequestState.Submitted, forUser), (request!.State, request.ForUserId));
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-25")] // Friday → Mon, Tue, Wed
    [InlineData("2026-11-23", "2026-11-26")] // Monday → Thursday
    [InlineData("2026-11-26", "2026-12-01")] // Thursday across the month's end: Fri, Mon, Tue
    [InlineData("2026-11-28", "2026-12-02")] // Saturday: Mon, Tue, Wed
    [InlineData("2026-12-31", "2027-01-05")] // Thursday across the year's end: Fri, Mon, Tue
    public void R27_the_decision_is_expected_3_business_days_after_submission_skipping_weekends(string submitted, string expected)
    {
        var at = new DateTimeOffset(DateOnly.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PartnerAccessRequest.ExpectedDecisionOn(at));
    }

    [Fact]
    public void R27_configured_public_holidays_are_skipped_too()
    {
        var thursday = new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero);
        var holidays = new HashSet<DateOnly> { new(2026, 12, 25), new(2026, 12, 28) };

        // Fri 25 and Mon 28 are holidays: Tue 29, Wed 30, Thu 31.
        Assert.Equal(new DateOnly(2026, 12, 31), PartnerAccessRequest.ExpectedDecisionOn(thursday, holidays));
        Assert.Equal(new DateOnly(2026, 12, 29), PartnerAccessRequest.ExpectedDecisionOn(thursday));
    }

    [Fact]
    public void R27_a_request_is_decided_once_a_rejection_needs_a_reason_and_the_partner_withdraws_only_while_pending()
    {
        var (_, request) = PartnerAccessRequest.Submit(44_000_001, 45_000_001, Guid.NewGuid(), Guid.NewGuid(), AllMet, World.Now);
        Assert.Equal(PartnerAccessRequest.OpenKey(45_000_001, request!.ForUserId), request.OpenFor);

        Assert.False(request.Reject(Guid.NewGuid(), " ", World.Now).Succeeded);
        Assert.True(request.Reject(Guid.NewGuid(), "The user is no admin there any more.", World.Now).Succeeded);
        Assert.Equal("The user is no admin there any more.", request.Reason);
        Assert.Null(request.OpenFor); // another request for the same client and user may now be made
        Assert.False(request.Reject(Guid.NewGuid(), "Twice", World.Now).Succeeded);
        Assert.False(request.Withdraw(Guid.NewGuid(), World.Now).Succeeded);

        var (_, pending) = PartnerAccessRequest.Submit(44_000_001, 45_000_001, Guid.NewGuid(), Guid.NewGuid(), AllMet, World.Now);
        Assert.True(pending!.Withdraw(Guid.NewGuid(), World.Now).Succeeded);
        Assert.Equal(PartnerAccessRequestState.Withdrawn, pending.State);
        Assert.False(pending.Reject(Guid.NewGuid(), "Too late", World.Now).Succeeded);
    }

    [Fact]
    public void R27_approval_grants_Partner_Access_without_a_paid_seat_only_while_every_condition_still_holds()
    {
        var owner = World.Person("owner@harbor.test");
        var kim = World.Person("kim@agency.test");
        var client = World.ClientWithSuperAdmins(owner);
        client.SetRevenue(500m, paidSalesHubSeats: 2, paidServiceHubSeats: 0);
        client.AddMember(kim, AccessType.PartnerAdmin, World.Now);
        var reviewer = Guid.NewGuid();

        var (_, request) = PartnerAccessRequest.Submit(44_000_001, client.HubId, kim.Id, kim.Id, PartnerAccessFacts.Of(client, client.IsAdminHere(kim.Id), true), World.Now);
        // Kim left the partner's user list since: approving is refused by name, and nothing changes.
        var refused = client.GrantPartnerAccess(request!, isUserOfPartner: false, reviewer, World.Now);
        Assert.False(refused.Succeeded);
        Assert.Contains("User of the partner account", refused.Refusal, StringComparison.Ordinal);
        Assert.True(request!.IsOpen);
        Assert.Null(client.MembershipOf(kim.Id)!.PartnerAccessSince);

        Assert.True(client.GrantPartnerAccess(request, isUserOfPartner: true, reviewer, World.Now).Succeeded);
        var member = client.MembershipOf(kim.Id)!;
        Assert.Equal(World.Now, member.PartnerAccessSince);
        Assert.NotEqual(SeatType.Paid, member.Seat); // no paid seat is used
        Assert.Equal(PartnerAccessRequestState.Approved, request.State);
        Assert.Equal(reviewer, request.DecidedByUserId);
        Assert.Contains("Partner Access", member.Describe(), StringComparison.Ordinal);
        Assert.Contains(client.DomainEvents, e => e is Domain.Events.AccessChanged { Action: AuditActions.PartnerAccessGranted });
        Assert.False(client.GrantPartnerAccess(request, true, reviewer, World.Now).Succeeded); // once

        // A client that has no paid seat any more: refused by name.
        client.SetRevenue(500m, 0, 0);
        var (_, second) = PartnerAccessRequest.Submit(44_000_001, client.HubId, owner.Id, owner.Id, AllMet, World.Now);
        Assert.Contains("Paid Sales Hub or Service Hub seat", client.GrantPartnerAccess(second!, true, reviewer, World.Now).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void R27_the_primary_admin_is_the_billing_owner_among_the_Super_Admins_else_the_first_Super_Admin()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var admins = new[] { (second, World.Now.AddDays(2)), (first, World.Now) };
        Assert.Equal(first, ClientAccount.PrimaryAdmin(null, admins));
        Assert.Equal(second, ClientAccount.PrimaryAdmin(second, admins));
        Assert.Equal(first, ClientAccount.PrimaryAdmin(Guid.NewGuid(), admins)); // a billing owner who is no Super Admin any more
        Assert.Null(ClientAccount.PrimaryAdmin(null, []));
    }
}
