using System.Security.Cryptography;

namespace PartnerPortal.Domain;

/// <summary>R16: partner-dashboard bookkeeping of who works on which client. Grants no access.</summary>
public class Assignment
{
    private Assignment() { }

    public Assignment(long partnerHubId, Guid employeeUserId, long clientHubId, Guid assignedByUserId, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        EmployeeUserId = employeeUserId;
        ClientHubId = clientHubId;
        AssignedByUserId = assignedByUserId;
        AssignedAt = now;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid EmployeeUserId { get; private set; }
    public long ClientHubId { get; private set; }
    public Guid AssignedByUserId { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
}

/// <summary>R22: a client's invitation link to a partner, accepted in the partner's pending client invitations.</summary>
public class ClientInvitation
{
    private ClientInvitation() { }

    private ClientInvitation(long clientHubId, Guid createdByUserId, DateTimeOffset now)
    {
        ClientHubId = clientHubId;
        CreatedByUserId = createdByUserId;
        CreatedAt = now;
        State = InvitationState.Pending;
    }

    public int Id { get; private set; }
    public long ClientHubId { get; private set; }
    public long? PartnerHubId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public InvitationState State { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public static (ClientInvitation Invitation, string Token) Create(long clientHubId, Guid createdByUserId, DateTimeOffset now)
    {
        var invitation = new ClientInvitation(clientHubId, createdByUserId, now);
        var token = AccessLink.Base64Url(RandomNumberGenerator.GetBytes(32));
        invitation.TokenHash = AccessLink.HashOf(token);
        return (invitation, token);
    }

    public Outcome Accept(long partnerHubId, DateTimeOffset now)
    {
        if (State != InvitationState.Pending) return Outcome.Refused("This invitation is no longer pending.");
        if (partnerHubId == ClientHubId) return Outcome.Refused("An account cannot accept its own invitation.");
        PartnerHubId = partnerHubId;
        State = InvitationState.Accepted;
        AnsweredAt = now;
        return Outcome.Done;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (State != InvitationState.Pending) return;
        State = InvitationState.Revoked;
        AnsweredAt = now;
    }
}

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

/// <summary>B1: who changed what access, in which account, before → after, when.</summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(long accountHubId, long? partnerHubId, Guid? actorUserId, string action, string subject, string? before, string? after, DateTimeOffset at)
    {
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
}
