namespace PartnerPortal.Domain;

/// <summary>What a one-time password link is for: the one machinery of setting a password by email (O3).</summary>
public enum PasswordLinkPurpose
{
    /// <summary>A new user, created in Users &amp; Teams: their first password, within seven days.</summary>
    Welcome = 0,

    /// <summary>Forgot password? (or the operator's <c>users reset-password</c>): a new password, within an hour.</summary>
    Reset = 1,
}

/// <summary>
/// A one-time link to set a password, sent by email: to a new user when an admin creates them in Users &amp; Teams
/// (<see cref="PasswordLinkPurpose.Welcome"/>), or to someone who forgot theirs (<see cref="PasswordLinkPurpose.Reset"/>).
/// Only the hash of its token is kept; it works once, and for <see cref="LifetimeOf"/> its purpose. A password never travels by mail.
/// </summary>
public class UserInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>O3: a reset link works for an hour.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    public static TimeSpan LifetimeOf(PasswordLinkPurpose purpose) => purpose == PasswordLinkPurpose.Reset ? ResetLifetime : Lifetime;

    private UserInvitation() { }

    private UserInvitation(Guid userId, long? accountHubId, Guid invitedByUserId, PasswordLinkPurpose purpose, DateTimeOffset now)
    {
        UserId = userId;
        AccountHubId = accountHubId;
        InvitedByUserId = invitedByUserId;
        Purpose = purpose;
        CreatedAt = now;
        ExpiresAt = now + LifetimeOf(purpose);
    }

    public PasswordLinkPurpose Purpose { get; private set; }

    public int Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The account whose admin sent it (told on the page that sets the password); none for a reset.</summary>
    public long? AccountHubId { get; private set; }

    public Guid InvitedByUserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <param name="accountHubId">The account they were added to; none for a Partner Access reviewer, who is in no account.</param>
    public static (UserInvitation Invitation, string Token) Issue(Guid userId, long? accountHubId, Guid invitedByUserId, DateTimeOffset now)
    {
        var invitation = new UserInvitation(userId, accountHubId, invitedByUserId, PasswordLinkPurpose.Welcome, now);
        (var token, invitation.TokenHash) = SecretToken.New();
        return (invitation, token);
    }

    /// <summary>A link to choose a new password, for an hour (<paramref name="requestedBy"/>: the person themselves, or the operator).</summary>
    public static (UserInvitation Link, string Token) IssueReset(Guid userId, Guid requestedBy, DateTimeOffset now)
    {
        var link = new UserInvitation(userId, null, requestedBy, PasswordLinkPurpose.Reset, now);
        (var token, link.TokenHash) = SecretToken.New();
        return (link, token);
    }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>The password was set with it: it works no more.</summary>
    public Outcome Use(DateTimeOffset now)
    {
        if (UsedAt is not null || now >= ExpiresAt) return Outcome.Refused(UsedOrExpiredMessage);
        UsedAt = now;
        return Outcome.Done;
    }

    public string UsedOrExpiredMessage => Purpose == PasswordLinkPurpose.Reset ? ResetUsedOrExpired : UsedOrExpired;

    public const string ResetUsedOrExpired = "This link to reset your password has been used or has expired. Ask for a new one with Forgot password? on the sign-in page.";

    public const string UsedOrExpired = "This link to set your password has been used or has expired. Ask the admin who added you to send a new one.";
}
