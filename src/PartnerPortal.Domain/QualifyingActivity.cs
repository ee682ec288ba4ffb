namespace PartnerPortal.Domain;

/// <summary>Q: a state-changing action by a partner employee inside a client account (R12's clock).</summary>
public class QualifyingActivity
{
    private QualifyingActivity() { }

    public QualifyingActivity(long clientHubId, long partnerHubId, Guid userId, string action, DateTimeOffset at)
    {
        ClientHubId = clientHubId;
        PartnerHubId = partnerHubId;
        UserId = userId;
        Action = Guard.NotBlank(action, nameof(action), 200);
        At = at;
    }

    public long Id { get; private set; }
    public long ClientHubId { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid UserId { get; private set; }
    public string Action { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
