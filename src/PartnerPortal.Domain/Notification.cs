namespace PartnerPortal.Domain;

/// <summary>B6: what a notification is about. Each email the rules send is of one kind.</summary>
public enum NotificationKind
{
    AddedToAccount = 0,
    AccessGranted = 1,
    AccessRevoked = 2,
    AccessExpiring = 3,
    AccessExpired = 4,
    PartnerAccessRequested = 5,
    PartnerAccessDecided = 6,
    ClientInvitation = 7,
    ClientInvitationAnswered = 8,
    AccessReview = 9,
    ExtensionRequested = 10,
}

/// <summary>B6: the kinds, their names, and which are security-relevant (always emailed: a preference cannot turn them off).</summary>
public static class NotificationKinds
{
    public static readonly IReadOnlyList<NotificationKind> All = Enum.GetValues<NotificationKind>();

    /// <summary>Access given, taken away or about to end: the recipient must hear of it by email too, whatever they chose.</summary>
    public static bool IsSecurity(NotificationKind kind) => kind is NotificationKind.AddedToAccount or NotificationKind.AccessGranted
        or NotificationKind.AccessRevoked or NotificationKind.AccessExpiring or NotificationKind.AccessExpired or NotificationKind.PartnerAccessDecided;

    public static string Name(NotificationKind kind) => kind switch
    {
        NotificationKind.AddedToAccount => "Added to an account",
        NotificationKind.AccessGranted => "Access granted",
        NotificationKind.AccessRevoked => "Access revoked",
        NotificationKind.AccessExpiring => "Access expiring",
        NotificationKind.AccessExpired => "Access expired",
        NotificationKind.PartnerAccessRequested => "Partner Access requested",
        NotificationKind.PartnerAccessDecided => "Partner Access decided",
        NotificationKind.ClientInvitation => "Partner invitations",
        NotificationKind.ClientInvitationAnswered => "Answers to partner invitations",
        NotificationKind.AccessReview => "Access reviews",
        NotificationKind.ExtensionRequested => "Access extension requests",
        _ => kind.ToString(),
    };

    /// <summary>The bit of <paramref name="kind"/> in <see cref="User.EmailsOff"/>.</summary>
    public static int Bit(NotificationKind kind) => 1 << (int)kind;
}

/// <summary>
/// B6: one in-app notification, written in the same transaction as the email it mirrors. Only its reading changes it.
/// </summary>
public class Notification
{
    public const int TitleLength = 300;
    public const int BodyLength = 4000;

    private Notification() { }

    public Notification(Guid userId, NotificationKind kind, string title, string body, string? link, DateTimeOffset at)
    {
        UserId = userId;
        Kind = kind;
        Title = title.Length > TitleLength ? title[..TitleLength] : title;
        Body = body.Length > BodyLength ? body[..BodyLength] : body;
        Link = IsLocal(link) ? link : null;
        At = at;
    }

    public long Id { get; private set; }
    public Guid UserId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>The page of the thing concerned: an address within the app, never another site.</summary>
    public string? Link { get; private set; }

    public DateTimeOffset At { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Read: once; opening it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    /// <summary>An address within this app: one slash, not two (a protocol-relative address leaves the site) and no backslash.</summary>
    public static bool IsLocal(string? link) =>
        link is { Length: > 0 and <= 500 } && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\')) && !link.Contains('\\', StringComparison.Ordinal);
}
