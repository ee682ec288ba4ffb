using System.Linq.Expressions;
using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// A partner servicing a client: Invited → Active → Ending → Ended, Ending → Active again. Every
/// move is told (<see cref="RelationshipChanged"/>) so that it is audited once, wherever it happens.
/// </summary>
public class PartnerClientRelationship : AggregateRoot
{
    /// <summary>R12: a relationship without partner employees ends this long after the last qualifying activity.</summary>
    public static readonly TimeSpan EndingGrace = TimeSpan.FromDays(60);

    /// <summary>R12: due to end — Ending, and its end date has come. The ending job queries with it; <see cref="IsDue"/> is the same rule.</summary>
    public static Expression<Func<PartnerClientRelationship, bool>> DueAt(DateTimeOffset now) =>
        r => r.State == RelationshipState.Ending && r.EndsAt <= now;

    private PartnerClientRelationship() { }

    private PartnerClientRelationship(long partnerHubId, long clientHubId, RelationshipState state, DateTimeOffset now)
    {
        if (partnerHubId == clientHubId) throw new ArgumentException("An account cannot be its own partner.", nameof(clientHubId));
        PartnerHubId = partnerHubId;
        ClientHubId = clientHubId;
        State = state;
        CreatedAt = now;
        if (state == RelationshipState.Active) ActiveSince = now;
        Raise(new RelationshipChanged(partnerHubId, clientHubId, state == RelationshipState.Active ? AuditActions.RelationshipStarted : AuditActions.PartnerInvited, "None", state.Display()));
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public long ClientHubId { get; private set; }

    /// <summary>Also the row's concurrency token: two moves made from the same state cannot both commit.</summary>
    public RelationshipState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it started (again, after Invited or Ended): R12's clock when there is no qualifying activity since.</summary>
    public DateTimeOffset? ActiveSince { get; private set; }

    /// <summary>When Ending: the day the background job ends it.</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>R22: a client invited the partner; Active once the partner accepts.</summary>
    public static PartnerClientRelationship Invite(long partnerHubId, long clientHubId, DateTimeOffset now) =>
        new(partnerHubId, clientHubId, RelationshipState.Invited, now);

    /// <summary>R3: approving an access link (or adding a first employee) starts the relationship at once.</summary>
    public static PartnerClientRelationship StartActive(long partnerHubId, long clientHubId, DateTimeOffset now) =>
        new(partnerHubId, clientHubId, RelationshipState.Active, now);

    /// <summary>
    /// The partner services the client now: Active, or Ending within R12's 60 days. The one home of the rule, as an
    /// expression a query can send to the database (<c>PortalDb.CurrentRelationships</c>) and compiled for the domain.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<PartnerClientRelationship, bool>> Current =
        r => r.State == RelationshipState.Active || r.State == RelationshipState.Ending;

    private static readonly Func<PartnerClientRelationship, bool> CurrentNow = Current.Compile();

    public bool IsCurrent => CurrentNow(this);

    /// <summary>R3, R12, R22: Invited, Ending or Ended becomes Active.</summary>
    public void Activate(DateTimeOffset now)
    {
        if (State == RelationshipState.Active) return;
        var before = Describe();
        var wasEnding = State == RelationshipState.Ending;
        if (!wasEnding) ActiveSince = now; // Ending is still servicing: back to Active keeps the date it started
        State = RelationshipState.Active;
        EndsAt = null;
        EndedAt = null;
        Raise(new RelationshipChanged(PartnerHubId, ClientHubId, wasEnding ? AuditActions.RelationshipActiveAgain : AuditActions.RelationshipStarted, before, Describe()));
    }

    /// <summary>R12: the last partner employee left. Ends 60 days after the last qualifying activity, at once if that is past.</summary>
    public void StartEnding(DateTimeOffset? lastQualifyingActivity, DateTimeOffset now)
    {
        if (State != RelationshipState.Active) return;
        var before = Describe();
        var endsAt = EndingDateFor(lastQualifyingActivity);
        EndsAt = endsAt;
        if (endsAt <= now)
        {
            State = RelationshipState.Ended;
            EndedAt = now;
        }
        else
        {
            State = RelationshipState.Ending;
        }
        Raise(new RelationshipChanged(PartnerHubId, ClientHubId, State == RelationshipState.Ended ? AuditActions.RelationshipEnded : AuditActions.RelationshipEnding, before, Describe()));
    }

    /// <summary>R12: when the relationship would end if its last partner employee left now.</summary>
    public DateTimeOffset EndingDateFor(DateTimeOffset? lastQualifyingActivity)
    {
        // The grace runs from the last qualifying activity, or from when it (last) became active if that is later or there is none.
        var activeSince = ActiveSince ?? CreatedAt;
        var from = lastQualifyingActivity is { } last && last > activeSince ? last : activeSince;
        return from + EndingGrace;
    }

    /// <summary>R23: the client revoked the partner: the relationship ends that day, whatever its grace.</summary>
    public void EndByClient(DateTimeOffset now)
    {
        if (State is RelationshipState.Ended) return;
        var before = Describe();
        State = RelationshipState.Ended;
        EndsAt = now;
        EndedAt = now;
        Raise(new RelationshipChanged(PartnerHubId, ClientHubId, AuditActions.RelationshipEndedByTheClient, before, Describe()));
    }

    public bool IsDue(DateTimeOffset now) => CompiledDue(this, now);

    /// <summary>R12: the background job ends a relationship whose date has passed.</summary>
    public bool EndIfDue(DateTimeOffset now)
    {
        if (!IsDue(now)) return false;
        var endsAt = EndsAt;
        State = RelationshipState.Ended;
        EndedAt = now;
        Raise(EndedEvent(PartnerHubId, ClientHubId, endsAt));
        return true;
    }

    /// <summary>
    /// R12: what ending a due relationship tells the rest of the product. <see cref="EndIfDue"/> raises it; the ending
    /// job, which ends thousands at once in the database (State Ended, EndedAt now, where still due), raises it for
    /// each row it ended.
    /// </summary>
    public static RelationshipChanged EndedEvent(long partnerHubId, long clientHubId, DateTimeOffset? endsAt) =>
        new(partnerHubId, clientHubId, AuditActions.RelationshipEnded, Describe(RelationshipState.Ending, endsAt), Describe(RelationshipState.Ended, null));

    /// <summary>How the state reads in an audit entry: "Ending on 2026-12-01".</summary>
    public string Describe() => Describe(State, EndsAt);

    public static string Describe(RelationshipState state, DateTimeOffset? endsAt) => state == RelationshipState.Ending && endsAt is { } date
        ? $"Ending on {date.UtcDateTime:yyyy-MM-dd}"
        : state.Display();

    private static readonly Func<PartnerClientRelationship, DateTimeOffset, bool> CompiledDue = CompileDue();

    private static Func<PartnerClientRelationship, DateTimeOffset, bool> CompileDue()
    {
        var relationship = Expression.Parameter(typeof(PartnerClientRelationship), "r");
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");
        var probe = DueAt(default);
        var body = new Rebind(probe.Parameters[0], relationship, now).Visit(probe.Body);
        return Expression.Lambda<Func<PartnerClientRelationship, DateTimeOffset, bool>>(body, relationship, now).Compile();
    }

    /// <summary>Turns the query expression into a function of (relationship, now): the captured instant becomes a parameter.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to, ParameterExpression now) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);

        protected override Expression VisitMember(MemberExpression node) =>
            node.Type == typeof(DateTimeOffset) && node.Expression is ConstantExpression ? now : base.VisitMember(node);
    }
}
