namespace PartnerPortal.Domain;

/// <summary>
/// R22: a client's invitation to a partner, addressed to the partner's Hub ID and sent as a link. Only the hash of the
/// link's token is kept; it is answered once — accepted or declined in the partner's pending client invitations — and
/// until then the client can revoke it; it expires after <see cref="Lifetime"/>.
/// </summary>
public class ClientInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private ClientInvitation() { }

    private ClientInvitation(long clientHubId, long partnerHubId, Guid createdByUserId, DateTimeOffset now)
    {
        if (partnerHubId == clientHubId) throw new ArgumentException("An account cannot invite itself.", nameof(partnerHubId));
        ClientHubId = clientHubId;
        PartnerHubId = partnerHubId;
        CreatedByUserId = createdByUserId;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
        State = InvitationState.Pending;
    }

    public int Id { get; private set; }
    public long ClientHubId { get; private set; }
    public long? PartnerHubId { get; private set; }
    public string TokenHash { get; private set; } = "";

    /// <summary>Also the row's concurrency token: two answers given from the same reading cannot both commit.</summary>
    public InvitationState State { get; private set; }

    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public Guid? AnsweredByUserId { get; private set; }

    public static (ClientInvitation Invitation, string Token) Create(long clientHubId, long partnerHubId, Guid createdByUserId, DateTimeOffset now)
    {
        var invitation = new ClientInvitation(clientHubId, partnerHubId, createdByUserId, now);
        (var token, invitation.TokenHash) = SecretToken.New();
        return (invitation, token);
    }

    /// <summary>Pending and not expired: the partner may still answer it, the client may still revoke it.</summary>
    public bool IsOpen(DateTimeOffset now) => State == InvitationState.Pending && now < ExpiresAt;

    /// <summary>How the state reads on the client's Partners page and the partner's list.</summary>
    public string Describe(DateTimeOffset now) => State == InvitationState.Pending && now >= ExpiresAt ? "Expired" : State.ToString();

    /// <summary>R22: the partner accepts; the relationship starts (the caller makes it Active).</summary>
    public Outcome Accept(long partnerHubId, Guid byUserId, DateTimeOffset now) => Answer(partnerHubId, byUserId, InvitationState.Accepted, now);

    public Outcome Decline(long partnerHubId, Guid byUserId, DateTimeOffset now) => Answer(partnerHubId, byUserId, InvitationState.Declined, now);

    private Outcome Answer(long partnerHubId, Guid byUserId, InvitationState answer, DateTimeOffset now)
    {
        if (partnerHubId != PartnerHubId) return Outcome.Refused("This invitation is for another partner.");
        if (State != InvitationState.Pending) return Outcome.Refused($"This invitation was already {State.ToString().ToLowerInvariant()}.");
        if (now >= ExpiresAt) return Outcome.Refused("This invitation has expired. Ask the client to send a new one.");
        State = answer;
        AnsweredAt = now;
        AnsweredByUserId = byUserId;
        return Outcome.Done;
    }

    /// <summary>The client takes back an invitation not yet answered.</summary>
    public Outcome Revoke(Guid byUserId, DateTimeOffset now)
    {
        if (State != InvitationState.Pending) return Outcome.Unchanged;
        State = InvitationState.Revoked;
        AnsweredAt = now;
        AnsweredByUserId = byUserId;
        return Outcome.Done;
    }
}
