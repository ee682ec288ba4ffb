namespace PartnerPortal.Domain;

/// <summary>B5: access reviews — a partner's policy for stale access, and the client-side outcome of a review.</summary>
public partial class Account
{
    public const int DefaultStaleAfterDays = 90;
    public const int ReasonLength = 200;

    /// <summary>A partner's: a partner employee's access in a client is stale after this many days without a qualifying activity there.</summary>
    public int StaleAfterDays { get; private set; } = DefaultStaleAfterDays;

    /// <summary>A partner's: a review of stale access starts by itself each quarter.</summary>
    public bool QuarterlyReview { get; private set; }

    /// <summary>B5: the partner's review policy: 7 to 730 days; whether a review starts each quarter.</summary>
    public Outcome SetReviewPolicy(int staleAfterDays, bool quarterly)
    {
        RequirePartner();
        if (staleAfterDays is < 7 or > 730) return Outcome.Refused("Choose between 7 and 730 days.");
        if (StaleAfterDays == staleAfterDays && QuarterlyReview == quarterly) return Outcome.Unchanged;
        StaleAfterDays = staleAfterDays;
        QuarterlyReview = quarterly;
        Version++;
        return Outcome.Done;
    }

    /// <summary>
    /// B5, in the client: a review kept these partner employees' access; the trail says so with the reason, and the access is
    /// not stale again until the partner's period has passed. Returns how many were kept.
    /// </summary>
    public int KeepAfterReview(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        RequireClient();
        var kept = 0;
        var actorHere = MembershipOf(by.UserId);
        foreach (var membership in userIds.Distinct().Select(MembershipOf).Where(m => m?.PartnerHubId == partnerHubId))
        {
            if (WhoMayChangeWhom.WhyNot(by, actorHere, membership!, MemberChange.Keep, Name) is not null) continue;
            membership!.KeptByReview(now);
            Version++;
            var access = membership.Describe();
            Raise(new Events.AccessChanged(HubId, partnerHubId, AuditActions.AccessKeptAfterReview, SubjectOf(membership), access, $"{access} (kept: {reason})"));
            kept++;
        }
        return kept;
    }

    /// <summary>B5, in the client: a review removed these partner employees, as SPEC §3 allows (a Super Admin stays, and the trail says why).</summary>
    public IReadOnlyDictionary<Guid, string> RemoveAfterReview(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string reason, DateTimeOffset now) =>
        RevokePartnerEmployees(userIds, partnerHubId, by, AuditActions.AccessRemovedAfterReview, now, $"removed: {reason}");
}

/// <summary>
/// B5: one review of a partner's stale access — started by a person or by the quarterly schedule, due two weeks later,
/// completed by a person. One open review a partner (<see cref="OpenFor"/>, a unique key).
/// </summary>
public class AccessReview
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    private AccessReview() { }

    public AccessReview(long partnerHubId, Guid? startedBy, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        StartedByUserId = startedBy;
        StartedAt = now;
        DueAt = now + Window;
        OpenFor = partnerHubId;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid? StartedByUserId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Guid? CompletedByUserId { get; private set; }
    public int Kept { get; private set; }
    public int Removed { get; private set; }

    /// <summary>When the overdue reminder was sent (once).</summary>
    public DateTimeOffset? OverdueRemindedAt { get; private set; }

    /// <summary>The partner's Hub ID while open, null once completed: unique, so a partner has one open review at most.</summary>
    public long? OpenFor { get; private set; }

    public bool IsOverdue(DateTimeOffset now) => CompletedAt is null && now > DueAt;

    public void Count(int kept, int removed)
    {
        Kept += kept;
        Removed += removed;
    }

    public Outcome Complete(Guid by, DateTimeOffset now)
    {
        if (CompletedAt is not null) return Outcome.Unchanged;
        CompletedAt = now;
        CompletedByUserId = by;
        OpenFor = null;
        return Outcome.Done;
    }
}
