namespace PartnerPortal.Domain;

/// <summary>
/// A new user's one-time link to set their password, sent by email when an admin creates them in Users &amp; Teams.
/// Only the hash of its token is kept; it works once, and for <see cref="Lifetime"/>. A password never travels by mail.
/// </summary>
public class UserInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private UserInvitation() { }

    private UserInvitation(Guid userId, long accountHubId, Guid invitedByUserId, DateTimeOffset now)
    {
        UserId = userId;
        AccountHubId = accountHubId;
        InvitedByUserId = invitedByUserId;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public int Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The account whose admin sent it (told on the page that sets the password).</summary>
    public long AccountHubId { get; private set; }

    public Guid InvitedByUserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static (UserInvitation Invitation, string Token) Issue(Guid userId, long accountHubId, Guid invitedByUserId, DateTimeOffset now)
    {
        var invitation = new UserInvitation(userId, accountHubId, invitedByUserId, now);
        (var token, invitation.TokenHash) = SecretToken.New();
        return (invitation, token);
    }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>The password was set with it: it works no more.</summary>
    public Outcome Use(DateTimeOffset now)
    {
        if (UsedAt is not null) return Outcome.Refused(UsedOrExpired);
        if (now >= ExpiresAt) return Outcome.Refused(UsedOrExpired);
        UsedAt = now;
        return Outcome.Done;
    }

    public const string UsedOrExpired = "This link to set your password has been used or has expired. Ask the admin who added you to send a new one.";
}
