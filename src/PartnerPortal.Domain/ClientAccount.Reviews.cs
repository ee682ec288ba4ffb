using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>B5: access reviews — the client-side outcome of a review of a partner's stale access (the policy is the partner's: <see cref="PartnerAccount.SetReviewPolicy"/>).</summary>
public sealed partial class ClientAccount
{
    /// <summary>
    /// B5, in the client: a review kept these partner employees' access; the trail says so with the reason, and the access is
    /// not stale again until the partner's period has passed. Returns how many were kept.
    /// </summary>
    public int KeepAfterReview(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var kept = 0;
        var actorHere = MembershipOf(by.UserId);
        foreach (var membership in userIds.Distinct().Select(MembershipOf).Where(m => m?.PartnerHubId == partnerHubId))
        {
            if (WhoMayChangeWhom.WhyNot(by, actorHere, membership!, MemberChange.Keep, Name) is not null) continue;
            membership!.KeptByReview(now);
            Version++;
            var access = membership.Describe();
            Raise(new AccessChanged(HubId, partnerHubId, AuditActions.AccessKeptAfterReview, SubjectOf(membership), access, $"{access} (kept: {reason})"));
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
