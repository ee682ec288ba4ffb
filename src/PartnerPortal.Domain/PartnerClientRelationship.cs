namespace PartnerPortal.Domain;

/// <summary>A partner servicing a client: Invited → Active → Ending → Ended, Ending → Active again.</summary>
public class PartnerClientRelationship
{
    /// <summary>R12: a relationship without partner employees ends this long after the last qualifying activity.</summary>
    public static readonly TimeSpan EndingGrace = TimeSpan.FromDays(60);

    private PartnerClientRelationship() { }

    private PartnerClientRelationship(long partnerHubId, long clientHubId, RelationshipState state, DateTimeOffset now)
    {
        if (partnerHubId == clientHubId) throw new ArgumentException("An account cannot be its own partner.", nameof(clientHubId));
        PartnerHubId = partnerHubId;
        ClientHubId = clientHubId;
        State = state;
        CreatedAt = now;
        if (state == RelationshipState.Active) ActiveSince = now;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public long ClientHubId { get; private set; }
    public RelationshipState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ActiveSince { get; private set; }

    /// <summary>When Ending: the day the background job ends it.</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>R22: a client invited the partner; Active once the partner accepts.</summary>
    public static PartnerClientRelationship Invite(long partnerHubId, long clientHubId, DateTimeOffset now) =>
        new(partnerHubId, clientHubId, RelationshipState.Invited, now);

    /// <summary>R3: approving an access link starts the relationship at once.</summary>
    public static PartnerClientRelationship StartActive(long partnerHubId, long clientHubId, DateTimeOffset now) =>
        new(partnerHubId, clientHubId, RelationshipState.Active, now);

    public bool IsCurrent => State is RelationshipState.Active or RelationshipState.Ending;

    /// <summary>R3, R12, R22: Invited, Ending or Ended becomes Active.</summary>
    public void Activate(DateTimeOffset now)
    {
        if (State == RelationshipState.Active) return;
        if (State != RelationshipState.Ending) ActiveSince = now;
        State = RelationshipState.Active;
        EndsAt = null;
        EndedAt = null;
    }

    /// <summary>R12: the last partner employee left. Ends 60 days after the last qualifying activity, at once if that is past.</summary>
    public void StartEnding(DateTimeOffset? lastQualifyingActivity, DateTimeOffset now)
    {
        if (State != RelationshipState.Active) return;
        var endsAt = EndingDateFor(lastQualifyingActivity);
        if (endsAt <= now)
        {
            State = RelationshipState.Ended;
            EndsAt = endsAt;
            EndedAt = now;
            return;
        }
        State = RelationshipState.Ending;
        EndsAt = endsAt;
    }

    /// <summary>R12: when the relationship would end if its last partner employee left now.</summary>
    public DateTimeOffset EndingDateFor(DateTimeOffset? lastQualifyingActivity) =>
        // Without any qualifying activity the grace runs from the day the relationship became active.
        (lastQualifyingActivity ?? ActiveSince ?? CreatedAt) + EndingGrace;

    public bool IsDue(DateTimeOffset now) => State == RelationshipState.Ending && EndsAt <= now;

    /// <summary>R12: the background job ends a relationship whose date has passed.</summary>
    public bool EndIfDue(DateTimeOffset now)
    {
        if (!IsDue(now)) return false;
        State = RelationshipState.Ended;
        EndedAt = now;
        return true;
    }
}

public static class ManagedCredit
{
    /// <summary>USD 1,000 of MRR is 10 managed points, split evenly between the partners actively servicing the client.</summary>
    public static decimal PointsPerPartner(decimal monthlyRecurringRevenue, int activePartners) =>
        activePartners <= 0 ? 0m : Math.Round(monthlyRecurringRevenue / activePartners / 100m, 2, MidpointRounding.ToZero);
}
