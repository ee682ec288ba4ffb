namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>Who hears of something: a user of the portal, by email and in the app.</summary>
public sealed record Recipient(Guid UserId, string Email, string Name);

/// <summary>
/// The one way the rules tell someone: an email queued in the command's own transaction (it goes out only if the change is
/// committed) and, in the same transaction, the same words as an in-app notification (B6) linking to the thing concerned.
/// Whether the email is sent is the recipient's choice for non-security kinds (<see cref="User.Emails"/>), read when it is sent.
/// </summary>
public sealed class MailOutbox(PortalDb db, TimeProvider clock)
{
    /// <param name="link">The page of the thing concerned, an address within the app ("/123/client/partners").</param>
    public void Enqueue(Recipient to, NotificationKind kind, string subject, string body, string? link)
    {
        ArgumentNullException.ThrowIfNull(to);
        var now = clock.GetUtcNow();
        db.Outbox.Add(new OutboxMessage(to.Email, subject, body, now, to.UserId, (int)kind));
        db.Notifications.Add(new Notification(to.UserId, kind, subject, body, link, now));
    }

    /// <summary>An email to an address that need not be anyone's yet (a sign-up's link, a reset link): always sent, nothing in the app.</summary>
    public void EnqueueToAddress(string email, string subject, string body) =>
        db.Outbox.Add(new OutboxMessage(EmailAddress.Normalize(email), subject, body, clock.GetUtcNow()));
}
