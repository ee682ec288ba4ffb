using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain.Tests;

/// <summary>B3 time-bound access, B5 access reviews and B6 notification kinds, in the domain.</summary>
public class TimeBoundAndReviewRulesTests
{
    private const long Agency = 44_000_001;

    private static (ClientAccount Client, User Owner, User Kim) ClientWithEmployee(DateTimeOffset? endsAt = null)
    {
        var owner = World.Person("owner@harborcoffee.com");
        var kim = World.Person("kim@agency.test");
        var client = World.ClientWithSuperAdmins(owner);
        var added = client.AddPartnerEmployee(kim, Agency, client.StandardPartnerAdminSet, new Actor(owner.Id), World.Now.AddDays(-100), endsAt);
        Assert.True(added.Succeeded, added.Refusal);
        ((IHasDomainEvents)client).ClearDomainEvents();
        return (client, owner, kim);
    }

    [Fact]
    public void B3_an_end_date_is_set_when_adding_and_must_be_after_now()
    {
        var (client, _, kim) = ClientWithEmployee(World.Now.AddDays(30));
        Assert.Equal(World.Now.AddDays(30), client.MembershipOf(kim.Id)!.ExpiresAt);

        var late = World.Person("late@agency.test");
        var refused = client.AddPartnerEmployee(late, Agency, client.StandardPartnerAdminSet, World.AdminOf(client), World.Now, World.Now.AddDays(-1));
        Assert.False(refused.Succeeded);
        Assert.Equal("Choose an end date after today.", refused.Refusal);
        Assert.Null(client.MembershipOf(late.Id));
    }

    [Fact]
    public void B3_R14_the_end_date_cannot_be_set_on_the_last_Super_Admin_when_adding_approving_or_on_the_ledger()
    {
        var owner = World.Person("only@harborcoffee.com");
        var client = World.ClientWithSuperAdmins(owner);
        var byAdding = client.AddPartnerEmployee(owner, Agency, client.StandardPartnerAdminSet, new Actor(owner.Id), World.Now, World.Now.AddDays(10));
        var byApproving = client.ApproveAccessLink(owner, Agency, new Actor(owner.Id), World.Now, World.Now.AddDays(10));

        Assert.False(byAdding.Succeeded);
        Assert.False(byApproving.Succeeded);
        Assert.Contains("only Super Admin", byAdding.Refusal, StringComparison.Ordinal);
        Assert.Null(client.MembershipOf(owner.Id)!.ExpiresAt);
    }

    [Fact]
    public void B3_access_past_its_end_leaves_with_Access_expired_and_R12_hears_of_it_but_the_only_Super_Admin_stays()
    {
        var (client, owner, kim) = ClientWithEmployee(World.Now.AddDays(1));

        Assert.Empty(client.ExpireDueAccess(World.Now));
        var gone = client.ExpireDueAccess(World.Now.AddDays(2));

        Assert.Equal([kim.Id], gone.Select(m => m.UserId));
        Assert.Null(client.MembershipOf(kim.Id));
        var events = ((IHasDomainEvents)client).DomainEvents;
        Assert.Contains(events, e => e is AccessChanged { Action: AuditActions.AccessExpired, After: Account.NoAccess });
        Assert.Contains(events, e => e is PartnerEmployeeLeft { PartnerHubId: Agency, Remaining: 0 });
        Assert.NotNull(client.MembershipOf(owner.Id));
    }

    [Fact]
    public void B3_a_Super_Admin_partner_employee_who_became_the_only_one_stays_and_loses_the_end_date()
    {
        var owner = World.Person("owner@harborcoffee.com");
        var sam = World.Person("sam@agency.test");
        var client = World.ClientWithSuperAdmins(owner, sam);
        Assert.True(client.AddPartnerEmployee(sam, Agency, client.StandardPartnerAdminSet, new Actor(owner.Id), World.Now, World.Now.AddDays(5)).Succeeded);
        Assert.True(client.RemoveClientUsers(new Actor(sam.Id), [owner.Id], AuditActions.UserRemoved, World.Now).Succeeded);

        Assert.Empty(client.ExpireDueAccess(World.Now.AddDays(6)));
        Assert.Null(client.MembershipOf(sam.Id)!.ExpiresAt);
        Assert.Contains(((IHasDomainEvents)client).DomainEvents, e => e is AccessChanged { Action: AuditActions.AccessExpiredStays });
    }

    [Theory]
    [InlineData(40, null)]
    [InlineData(30, 30)]
    [InlineData(8, 30)]
    [InlineData(7, 7)]
    [InlineData(2, 7)]
    [InlineData(1, 1)]
    [InlineData(0.1, 1)]
    [InlineData(-1, null)]
    public void B3_the_reminder_due_is_the_nearest_stage_reached(double daysLeft, int? stage) =>
        Assert.Equal(stage, AccessEnd.ReminderDue(World.Now.AddDays(daysLeft), World.Now));

    [Fact]
    public void B3_an_end_day_ends_at_its_end_in_UTC()
    {
        var end = AccessEnd.EndOf(new DateOnly(2026, 12, 31))!.Value;
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(new DateOnly(2026, 12, 31), AccessEnd.LastDay(end));
    }

    [Fact]
    public void B5_a_review_keeps_access_with_the_reason_in_the_clients_trail_and_removes_it_but_never_the_only_Super_Admin()
    {
        var (client, _, kim) = ClientWithEmployee();
        var manager = new Actor(Guid.NewGuid(), Agency, new PartnerRole(Agency, SuperAdmin: false, ClientAccessManager: true));
        Assert.Equal(1, client.KeepAfterReview([kim.Id, Guid.NewGuid()], Agency, manager, "Still on retainer", World.Now));
        Assert.Equal(World.Now, client.MembershipOf(kim.Id)!.ReviewedAt);
        Assert.Contains(((IHasDomainEvents)client).DomainEvents, e => e is AccessChanged { Action: AuditActions.AccessKeptAfterReview } c && c.After.Contains("Still on retainer", StringComparison.Ordinal));
        Assert.Equal(0, client.KeepAfterReview([kim.Id], Agency + 1, manager, "Not theirs", World.Now)); // another partner's review keeps nothing here

        var stays = client.RemoveAfterReview([kim.Id], Agency, manager, "Project over", World.Now);
        Assert.Empty(stays);
        Assert.Null(client.MembershipOf(kim.Id));
        Assert.Contains(((IHasDomainEvents)client).DomainEvents, e => e is AccessChanged { Action: AuditActions.AccessRemovedAfterReview } c && c.After.Contains("Project over", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(730, true)]
    [InlineData(731, false)]
    public void B5_the_stale_period_is_7_to_730_days(int days, bool accepted)
    {
        var partner = Account.CreatePartner(Agency, "Brightwave");
        Assert.Equal(Account.DefaultStaleAfterDays, partner.StaleAfterDays);
        Assert.Equal(accepted, partner.SetReviewPolicy(days, quarterly: true).Succeeded);
        Assert.Equal(accepted ? days : Account.DefaultStaleAfterDays, partner.StaleAfterDays);
    }

    [Fact]
    public void B5_a_review_is_open_until_completed_once_and_overdue_after_two_weeks()
    {
        var review = new AccessReview(Agency, null, World.Now);
        Assert.Equal(Agency, review.OpenFor);
        Assert.False(review.IsOverdue(World.Now.AddDays(14)));
        Assert.True(review.IsOverdue(World.Now.AddDays(15)));
        Assert.True(review.Complete(Guid.NewGuid(), World.Now.AddDays(15)).Changed);
        Assert.False(review.Complete(Guid.NewGuid(), World.Now.AddDays(16)).Changed);
        Assert.Null(review.OpenFor);
        Assert.False(review.IsOverdue(World.Now.AddDays(20)));
    }

    [Fact]
    public void B6_security_notices_are_always_emailed_and_other_kinds_can_be_turned_off()
    {
        var user = World.Person("ava@brightwave.io");
        Assert.True(user.ChooseEmails([]));
        foreach (var kind in NotificationKinds.All)
            Assert.Equal(NotificationKinds.IsSecurity(kind), User.Emails(user.EmailsOff, kind));
        Assert.True(NotificationKinds.IsSecurity(NotificationKind.AccessGranted) && NotificationKinds.IsSecurity(NotificationKind.AccessRevoked)
            && NotificationKinds.IsSecurity(NotificationKind.AccessExpiring));
        Assert.True(user.ChooseEmails(NotificationKinds.All));
        Assert.All(NotificationKinds.All, k => Assert.True(User.Emails(user.EmailsOff, k)));
        Assert.False(user.ChooseEmails(NotificationKinds.All));
    }

    [Theory]
    [InlineData("/123/client/partners", true)]
    [InlineData("/", true)]
    [InlineData("//evil.test/x", false)]
    [InlineData("/\\evil.test", false)]
    [InlineData("https://evil.test/", false)]
    [InlineData("", false)]
    public void B6_a_notification_links_only_within_the_app(string link, bool kept) =>
        Assert.Equal(kept ? link : null, new Notification(Guid.NewGuid(), NotificationKind.ClientInvitation, "t", "b", link, World.Now).Link);
}
