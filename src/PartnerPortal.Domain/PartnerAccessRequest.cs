namespace PartnerPortal.Domain;

/// <summary>R25–R27: a request for paid-seat functionality in a paying Sales Hub or Service Hub client.</summary>
public class PartnerAccessRequest
{
    public const int BusinessDaysToDecide = 3;

    private PartnerAccessRequest() { }

    private PartnerAccessRequest(long partnerHubId, long clientHubId, Guid requestedByUserId, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        ClientHubId = clientHubId;
        RequestedByUserId = requestedByUserId;
        SubmittedAt = now;
        State = PartnerAccessRequestState.Submitted;
        DecisionDueOn = BusinessDays.Add(DateOnly.FromDateTime(now.UtcDateTime), BusinessDaysToDecide);
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public long ClientHubId { get; private set; }
    public Guid RequestedByUserId { get; private set; }
    public PartnerAccessRequestState State { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateOnly DecisionDueOn { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }

    /// <summary>R25: every unmet condition, by name. Empty when the request may be made.</summary>
    public static IReadOnlyList<string> UnmetConditions(bool isAdminInClient, bool isUserOfPartner, Account client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var unmet = new List<string>();
        if (!isAdminInClient) unmet.Add("You are not an admin in this client account.");
        if (!isUserOfPartner) unmet.Add("You are not a user of the partner account.");
        if (client.PaidSalesHubSeats + client.PaidServiceHubSeats < 1) unmet.Add("The client has no paid Sales Hub or Service Hub seat.");
        if (client.IsPartner) unmet.Add("The client is a partner account.");
        return unmet;
    }

    public static (Outcome Outcome, PartnerAccessRequest? Request) Submit(long partnerHubId, Account client, Guid requestedBy, bool isAdminInClient, bool isUserOfPartner, DateTimeOffset now)
    {
        var unmet = UnmetConditions(isAdminInClient, isUserOfPartner, client);
        return unmet.Count > 0
            ? (Outcome.Refused(string.Join(" ", unmet)), null)
            : (Outcome.Done, new PartnerAccessRequest(partnerHubId, client.HubId, requestedBy, now));
    }

    public Outcome Decide(bool approve, Guid reviewerUserId, DateTimeOffset now)
    {
        if (State != PartnerAccessRequestState.Submitted) return Outcome.Refused("This request has already been decided.");
        State = approve ? PartnerAccessRequestState.Approved : PartnerAccessRequestState.Rejected;
        DecidedAt = now;
        DecidedByUserId = reviewerUserId;
        return Outcome.Done;
    }
}
