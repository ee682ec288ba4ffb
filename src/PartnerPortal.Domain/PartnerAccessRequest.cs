namespace PartnerPortal.Domain;

/// <summary>
/// R25–R27 (seed 003): a partner's request for Partner Access — paid-seat functionality that never takes one of the
/// client's paid seats — for one of its users in a paying Sales Hub or Service Hub client. Submitted only when every
/// condition holds (each named, with how to meet it); reviewed (approved, or rejected with a reason) by the platform's
/// reviewers; withdrawn by the partner while pending. The decision is expected 3 business days after submission.
/// </summary>
public class PartnerAccessRequest
{
    public const int BusinessDaysToDecide = 3;

    private PartnerAccessRequest() { }

    private PartnerAccessRequest(long partnerHubId, long clientHubId, Guid forUserId, Guid requestedByUserId, DateTimeOffset now, IReadOnlySet<DateOnly>? holidays)
    {
        PartnerHubId = partnerHubId;
        ClientHubId = clientHubId;
        ForUserId = forUserId;
        RequestedByUserId = requestedByUserId;
        SubmittedAt = now;
        State = PartnerAccessRequestState.Submitted;
        DecisionDueOn = ExpectedDecisionOn(now, holidays);
        OpenFor = OpenKey(clientHubId, forUserId);
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public long ClientHubId { get; private set; }

    /// <summary>The partner user who gets Partner Access (the requester by default).</summary>
    public Guid ForUserId { get; private set; }

    public Guid RequestedByUserId { get; private set; }

    /// <summary>Also the row's concurrency token: a decision and a withdrawal made from the same reading cannot both commit.</summary>
    public PartnerAccessRequestState State { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }
    public DateOnly DecisionDueOn { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }

    /// <summary>Why a reviewer rejected it.</summary>
    public string? Reason { get; private set; }

    public bool IsOpen => State == PartnerAccessRequestState.Submitted;

    /// <summary>R27: 3 business days after the day it was submitted (UTC), skipping weekends and the configured holidays.</summary>
    public static DateOnly ExpectedDecisionOn(DateTimeOffset submittedAt, IReadOnlySet<DateOnly>? holidays = null) =>
        BusinessDays.Add(DateOnly.FromDateTime(submittedAt.UtcDateTime), BusinessDaysToDecide, holidays);

    /// <summary>R25: every condition by name, met or not, each with how to meet it; the page shows them all before submitting.</summary>
    public static IReadOnlyList<Condition> Conditions(PartnerAccessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return
        [
            new("Admin in the client account", facts.IsAdminInClient,
                "Be a Super Admin or Partner Admin in the client account now: ask the client to approve your access link, or to make you Partner Admin."),
            new("User of the partner account", facts.IsUserOfPartner,
                "Be in the partner account's user list: ask a Super Admin of the partner account to add you in Users & Teams."),
            new("Paid Sales Hub or Service Hub seat", facts.ClientHasPaidSeat,
                "The client needs at least one paid Sales Hub or Service Hub seat: Partner Access is only for paying clients."),
            new("Client is not a partner account", !facts.ClientIsPartner,
                "Partner Access cannot be requested for a partner account."),
        ];
    }

    /// <summary>R25: the unmet conditions' names; empty when the request may be made.</summary>
    public static IReadOnlyList<string> UnmetConditions(PartnerAccessFacts facts) =>
        Conditions(facts).Where(c => !c.Met).Select(c => c.Name).ToList();

    /// <summary>R25, R26: submitted only when every condition holds; otherwise refused with every unmet condition by name.</summary>
    public static (Outcome Outcome, PartnerAccessRequest? Request) Submit(long partnerHubId, long clientHubId, Guid forUserId, Guid requestedByUserId,
        PartnerAccessFacts facts, DateTimeOffset now, IReadOnlySet<DateOnly>? holidays = null)
    {
        var unmet = Conditions(facts).Where(c => !c.Met).ToList();
        return unmet.Count > 0
            ? (Outcome.Refused("Not met: " + string.Join("; ", unmet.Select(c => c.Name)) + "."), null)
            : (Outcome.Done, new PartnerAccessRequest(partnerHubId, clientHubId, forUserId, requestedByUserId, now, holidays));
    }

    /// <summary>R27: a reviewer rejects, with a reason; once.</summary>
    public Outcome Reject(Guid reviewerUserId, string? reason, DateTimeOffset now)
    {
        if (!IsOpen) return AlreadyDecided();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Give the reason for rejecting the request.");
        Close(PartnerAccessRequestState.Rejected, reviewerUserId, now);
        Reason = Guard.NotBlank(reason.Trim(), nameof(reason), 500);
        return Outcome.Done;
    }

    /// <summary>
    /// R27: a reviewer approves, once, and only while every condition still holds (re-read at review time): a request whose
    /// user is no longer an admin there, say, is rejected with that reason instead. The client grants the access
    /// (<see cref="Account.GrantPartnerAccess"/>), so approving is reached only through it.
    /// </summary>
    internal Outcome Approve(Guid reviewerUserId, PartnerAccessFacts facts, DateTimeOffset now)
    {
        if (!IsOpen) return AlreadyDecided();
        var unmet = UnmetConditions(facts);
        if (unmet.Count > 0) return Outcome.Refused("No longer met: " + string.Join("; ", unmet) + ". Reject the request with that reason.");
        Close(PartnerAccessRequestState.Approved, reviewerUserId, now);
        return Outcome.Done;
    }

    /// <summary>The partner withdraws a request still pending.</summary>
    public Outcome Withdraw(Guid byUserId, DateTimeOffset now)
    {
        if (!IsOpen) return AlreadyDecided();
        Close(PartnerAccessRequestState.Withdrawn, byUserId, now);
        return Outcome.Done;
    }

    private Outcome AlreadyDecided() => Outcome.Refused($"This request was already {State.ToString().ToLowerInvariant()}.");

    private void Close(PartnerAccessRequestState state, Guid byUserId, DateTimeOffset now)
    {
        State = state;
        DecidedAt = now;
        DecidedByUserId = byUserId;
        OpenFor = null;
    }

    /// <summary>
    /// "client:user" while the request is open, null once decided or withdrawn: a unique key, so that one (client, user) has
    /// one open request even when two are submitted at the same moment (the second loses the race and is refused on retry).
    /// </summary>
    public string? OpenFor { get; private set; }

    public static string OpenKey(long clientHubId, Guid forUserId) => $"{clientHubId}:{forUserId:N}";

    /// <summary>A condition of R25 by name, whether it holds, and what to do when it does not.</summary>
    public sealed record Condition(string Name, bool Met, string HowToMeet);
}

/// <summary>R25: the facts a Partner Access request is judged on, read at the time of the request (and again at review).</summary>
public sealed record PartnerAccessFacts(bool IsAdminInClient, bool IsUserOfPartner, bool ClientHasPaidSeat, bool ClientIsPartner)
{
    public static PartnerAccessFacts Of(Account client, bool isAdminInClient, bool isUserOfPartner)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(isAdminInClient, isUserOfPartner, HasPaidSeat(client.PaidSalesHubSeats, client.PaidServiceHubSeats), client is PartnerAccount);
    }

    /// <summary>R25: at least one paid Sales Hub or Service Hub seat (the one home of that condition, for pages reading columns too).</summary>
    public static bool HasPaidSeat(int paidSalesHubSeats, int paidServiceHubSeats) => paidSalesHubSeats + paidServiceHubSeats > 0;
}
