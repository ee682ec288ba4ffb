namespace PartnerPortal.Domain;

/// <summary>One login identity. Credentials live with the sign-in store; this is who the person is.</summary>
public class User
{
    private User() { }

    public User(Guid id, string email, string name)
    {
        if (id == Guid.Empty) throw new ArgumentException("A user needs an id.", nameof(id));
        Id = id;
        Email = EmailAddress.Normalize(email);
        Name = Guard.NotBlank(name, nameof(name), 200);
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";

    public string EmailDomain => EmailAddress.DomainOf(Email);

    /// <summary>
    /// R27: a platform operator who reviews Partner Access requests (the vendor's review team and channel consultants). It is
    /// given by the operators' command (docs/operations.md), never from a page, and opens no account: only the review queue.
    /// </summary>
    public bool IsPartnerAccessReviewer { get; private set; }

    public bool MakePartnerAccessReviewer(bool on)
    {
        if (IsPartnerAccessReviewer == on) return false;
        IsPartnerAccessReviewer = on;
        return true;
    }

    /// <summary>
    /// O1: the person who runs this installation, made once by the first-run setup link (or the command line): they see every
    /// account, suspend and reactivate them, create them when sign-up is closed, and are a Partner Access reviewer (R27) too
    /// unless they hand that on. Like a reviewer, they hold no account by being an operator.
    /// </summary>
    public bool IsPlatformOperator { get; private set; }

    public static User PlatformOperator(Guid id, string email, string name)
    {
        var user = new User(id, email, name) { IsPlatformOperator = true, IsPartnerAccessReviewer = true };
        return user;
    }

    /// <summary>B6: the kinds this user chose not to receive by email (one bit each, <see cref="NotificationKinds.Bit"/>); they stay in the app.</summary>
    public int EmailsOff { get; private set; }

    /// <summary>Whether an email of this kind goes out: always for a security-relevant kind, else unless turned off.</summary>
    public static bool Emails(int emailsOff, NotificationKind kind) =>
        NotificationKinds.IsSecurity(kind) || (emailsOff & NotificationKinds.Bit(kind)) == 0;

    /// <summary>Sets which kinds also go by email; security-relevant kinds cannot be turned off (they are ignored here).</summary>
    public bool ChooseEmails(IEnumerable<NotificationKind> emailed)
    {
        ArgumentNullException.ThrowIfNull(emailed);
        var on = emailed.ToHashSet();
        var off = NotificationKinds.All.Where(k => !NotificationKinds.IsSecurity(k) && !on.Contains(k)).Aggregate(0, (bits, k) => bits | NotificationKinds.Bit(k));
        if (off == EmailsOff) return false;
        EmailsOff = off;
        return true;
    }
}
