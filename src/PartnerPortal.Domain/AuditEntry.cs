namespace PartnerPortal.Domain;

/// <summary>B1: who changed what access, in which account, before → after, when.</summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(long accountHubId, long? partnerHubId, Guid? actorUserId, string action, string subject, string? before, string? after, DateTimeOffset at,
        Guid? operationId = null, Guid? apiTokenId = null)
    {
        OperationId = operationId;
        ApiTokenId = apiTokenId;
        AccountHubId = accountHubId;
        PartnerHubId = partnerHubId;
        ActorUserId = actorUserId;
        Action = Guard.NotBlank(action, nameof(action), 100);
        Subject = Guard.NotBlank(subject, nameof(subject), 300);
        Before = before;
        After = after;
        At = at;
    }

    public long Id { get; private set; }

    /// <summary>The account whose access changed.</summary>
    public long AccountHubId { get; private set; }

    /// <summary>The partner on whose behalf it changed, so the partner sees its own entries too.</summary>
    public long? PartnerHubId { get; private set; }

    /// <summary>Null when the system did it (a background job).</summary>
    public Guid? ActorUserId { get; private set; }

    public string Action { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The one request or job batch that made the change: the entries of one operation are its receipt.</summary>
    public Guid? OperationId { get; private set; }

    /// <summary>B8: the personal access token the actor made the change through, or null for the browser or a job.</summary>
    public Guid? ApiTokenId { get; private set; }
}
