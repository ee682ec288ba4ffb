namespace PartnerPortal.Data;

/// <summary>An email written in the same transaction as the change it tells about, delivered later.</summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string body, DateTimeOffset now, Guid? userId = null, int? kind = null)
    {
        UserId = userId;
        Kind = kind;
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    /// <summary>The portal user it is for, whose email preferences (B6) decide whether it goes out.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>Its <c>NotificationKind</c>.</summary>
    public int? Kind { get; private set; }

    /// <summary>Not sent: the recipient turned this kind of email off (it stays in their in-app notifications).</summary>
    public bool Suppressed { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A sender holds the message until then; another instance may take it after.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void Sent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    public void Suppress(DateTimeOffset at)
    {
        SentAt = at;
        Suppressed = true;
    }

    public void Failed(string error, DateTimeOffset retryAt)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntil = retryAt;
    }
}
