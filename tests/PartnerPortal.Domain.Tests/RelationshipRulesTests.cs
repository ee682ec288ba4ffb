namespace PartnerPortal.Domain.Tests;

public class RelationshipRulesTests
{
    private static PartnerClientRelationship ActiveSince(DateTimeOffset since) =>
        PartnerClientRelationship.StartActive(44_000_001, 45_000_001, since);

    [Fact]
    public void R12_without_partner_employees_it_ends_60_days_after_the_last_qualifying_activity()
    {
        var relationship = ActiveSince(World.Now.AddDays(-300));
        var lastActivity = World.Now.AddDays(-10);

        relationship.StartEnding(lastActivity, World.Now);

        Assert.Equal(RelationshipState.Ending, relationship.State);
        Assert.Equal(lastActivity.AddDays(60), relationship.EndsAt);
        Assert.False(relationship.EndIfDue(World.Now.AddDays(49)));
        Assert.True(relationship.EndIfDue(World.Now.AddDays(50)));
        Assert.Equal(RelationshipState.Ended, relationship.State);
        Assert.False(relationship.EndIfDue(World.Now.AddDays(51))); // ends once
    }

    [Fact]
    public void R12_it_ends_at_once_when_the_date_is_already_past()
    {
        var relationship = ActiveSince(World.Now.AddDays(-300));

        relationship.StartEnding(World.Now.AddDays(-61), World.Now);

        Assert.Equal(RelationshipState.Ended, relationship.State);
        Assert.Equal(World.Now, relationship.EndedAt);
    }

    [Fact]
    public void R12_adding_an_employee_again_before_the_date_makes_it_active()
    {
        var relationship = ActiveSince(World.Now.AddDays(-300));
        relationship.StartEnding(World.Now.AddDays(-5), World.Now);

        relationship.Activate(World.Now.AddDays(1));

        Assert.Equal(RelationshipState.Active, relationship.State);
        Assert.Null(relationship.EndsAt);
        Assert.Equal(World.Now.AddDays(-300), relationship.ActiveSince);
    }

    [Fact]
    public void R12_with_no_activity_at_all_the_grace_runs_from_when_it_became_active()
    {
        var relationship = ActiveSince(World.Now.AddDays(-20));

        relationship.StartEnding(null, World.Now);

        Assert.Equal(World.Now.AddDays(40), relationship.EndsAt);
    }

    [Fact]
    public void R22_an_invited_relationship_becomes_active_when_accepted()
    {
        var relationship = PartnerClientRelationship.Invite(44_000_001, 45_000_001, World.Now);
        Assert.False(relationship.IsCurrent);

        relationship.Activate(World.Now.AddHours(2));

        Assert.True(relationship.IsCurrent);
        Assert.Equal(World.Now.AddHours(2), relationship.ActiveSince);
    }

    [Fact]
    public void R22_an_invitation_is_answered_once_by_the_partner_it_is_for_and_expires()
    {
        var by = Guid.NewGuid();
        var (invitation, token) = ClientInvitation.Create(45_000_001, 44_000_001, by, World.Now);

        Assert.False(invitation.Accept(44_000_002, by, World.Now).Succeeded); // another partner
        Assert.True(invitation.Accept(44_000_001, by, World.Now).Succeeded);
        Assert.False(invitation.Decline(44_000_001, by, World.Now).Succeeded); // answered already
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Throws<ArgumentException>(() => ClientInvitation.Create(45_000_001, 45_000_001, by, World.Now));

        var (late, _) = ClientInvitation.Create(45_000_001, 44_000_001, by, World.Now);
        Assert.False(late.Accept(44_000_001, by, World.Now + ClientInvitation.Lifetime).Succeeded);
        Assert.Equal("Expired", late.Describe(World.Now + ClientInvitation.Lifetime));
        Assert.True(late.Revoke(by, World.Now).Succeeded);
        Assert.False(late.IsOpen(World.Now));
    }

    [Theory]
    [InlineData(1000, 1, 10)]
    [InlineData(1000, 2, 5)]
    [InlineData(2400, 3, 8)]
    [InlineData(500, 0, 0)]
    public void Managed_credit_is_10_points_per_1000_MRR_split_evenly(decimal mrr, int partners, decimal points)
    {
        Assert.Equal(points, ManagedCredit.PointsPerPartner(mrr, partners));
    }
}

public class RelationshipDueRuleTests
{
    [Fact]
    public void R12_the_query_rule_and_the_object_rule_for_due_relationships_agree()
    {
        var ending = PartnerClientRelationship.StartActive(44_000_001, 45_000_001, World.Now.AddDays(-100));
        ending.StartEnding(World.Now.AddDays(-50), World.Now); // ends in 10 days
        var active = PartnerClientRelationship.StartActive(44_000_001, 45_000_002, World.Now.AddDays(-100));
        var due = PartnerClientRelationship.DueAt(World.Now.AddDays(11)).Compile();

        Assert.Equal((false, false), (ending.IsDue(World.Now.AddDays(9)), PartnerClientRelationship.DueAt(World.Now.AddDays(9)).Compile()(ending)));
        Assert.Equal((true, true), (ending.IsDue(World.Now.AddDays(11)), due(ending)));
        Assert.Equal((false, false), (active.IsDue(World.Now.AddDays(11)), due(active)));
    }

    [Fact]
    public void R12_B1_every_move_of_a_relationship_is_told_once()
    {
        var relationship = PartnerClientRelationship.StartActive(44_000_001, 45_000_001, World.Now.AddDays(-100));
        relationship.StartEnding(World.Now.AddDays(-50), World.Now);
        relationship.Activate(World.Now.AddDays(1));
        relationship.Activate(World.Now.AddDays(2)); // already active: nothing to tell
        relationship.StartEnding(World.Now.AddDays(-50), World.Now.AddDays(2));
        relationship.EndIfDue(World.Now.AddDays(30));

        Assert.Equal([AuditActions.RelationshipStarted, AuditActions.RelationshipEnding, AuditActions.RelationshipActiveAgain, AuditActions.RelationshipEnding, AuditActions.RelationshipEnded],
            relationship.DomainEvents.OfType<Events.RelationshipChanged>().Select(e => e.Action));
    }
}
