namespace PartnerPortal.Domain;

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
        (var token, invitation.TokenHash) = SecretToken.New();
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
