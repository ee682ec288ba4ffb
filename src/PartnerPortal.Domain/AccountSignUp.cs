namespace PartnerPortal.Domain;

/// <summary>
/// O2: a new account on its way, waiting for its owner to prove their email. Made by someone signing up (when the operator
/// lets anyone) or by the operator for someone (when sign-up is by invitation or closed). Its one-time link, emailed to the
/// owner, opens the page where they choose a password (or, when they already sign in, give theirs) and the account is made
/// with them as its Super Admin and a new Hub ID. Only the hash of the token is kept. One open sign-up per email
/// (<see cref="OpenFor"/>, a unique key), so that fifty posts of one form make one account and send one email.
/// </summary>
public class AccountSignUp
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    /// <summary>An open sign-up is emailed again, with a new link, when asked for again after this long (its email was lost).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(5);

    private AccountSignUp() { }

    public int Id { get; private set; }
    public AccountKind Kind { get; private set; }

    /// <summary>The account's name; none when the operator invited someone to name their own (by invitation).</summary>
    public string? AccountName { get; private set; }

    public string OwnerName { get; private set; } = "";
    public string Email { get; private set; } = "";

    /// <summary>The email while the sign-up is open (unique), null once it is used or given up.</summary>
    public string? OpenFor { get; private set; }

    /// <summary>
    /// The operator who made it, or the partner employee who created the client's account for its owner (then with
    /// <see cref="PartnerHubId"/>); null when the owner signed up themselves.
    /// </summary>
    public Guid? InvitedByUserId { get; private set; }

    /// <summary>
    /// O2: the partner agency whose employee (<see cref="InvitedByUserId"/>) created this client account for its owner. Until
    /// the owner takes it, the partner sees it as Invited; at that step the owner approves or declines the employee as
    /// Partner Admin (R2, R3). The account is the owner's from its first minute (R23): the partner never holds it.
    /// </summary>
    public long? PartnerHubId { get; private set; }

    public bool IsFromPartner => PartnerHubId is not null;

    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>The account it made.</summary>
    public long? HubId { get; private set; }

    public static (AccountSignUp SignUp, string Token) Open(AccountKind kind, string? accountName, string ownerName, string email, Guid? invitedBy, DateTimeOffset now)
    {
        var normalized = EmailAddress.Normalize(email);
        var signUp = new AccountSignUp
        {
            Kind = kind,
            AccountName = string.IsNullOrWhiteSpace(accountName) ? null : Guard.NotBlank(accountName, nameof(accountName), 200),
            OwnerName = Guard.NotBlank(ownerName, nameof(ownerName), 200),
            Email = normalized,
            OpenFor = normalized,
            InvitedByUserId = invitedBy,
            CreatedAt = now,
        };
        return (signUp, signUp.NewLink(now));
    }

    /// <summary>O2: a partner's employee creates a client's account for its owner, who takes it through the emailed link.</summary>
    public static (AccountSignUp SignUp, string Token) ForPartnerClient(long partnerHubId, Guid employeeId, string accountName, string ownerName, string email, DateTimeOffset now)
    {
        var (signUp, token) = Open(AccountKind.Client, Guard.NotBlank(accountName, nameof(accountName), 200), ownerName, email, employeeId, now);
        signUp.PartnerHubId = partnerHubId;
        return (signUp, token);
    }

    /// <summary>
    /// Whether <paramref name="partnerHubId"/> may create a client account for this open sign-up's email: when it is its own
    /// (it is then corrected and sent again), or the owner's own unfinished sign-up (the partner's takes its place). Never
    /// over the operator's invitation or another partner's.
    /// </summary>
    public bool MayBeReplacedBy(long partnerHubId) => PartnerHubId == partnerHubId || InvitedByUserId is null;

    /// <summary>The partner's word replaces what an open sign-up said, with a new link.</summary>
    public string ReissueForPartnerClient(long partnerHubId, Guid employeeId, string accountName, string ownerName, DateTimeOffset now)
    {
        if (!MayBeReplacedBy(partnerHubId)) throw new InvalidOperationException("Another partner's or the operator's invitation is not replaced.");
        var token = Reissue(AccountKind.Client, Guard.NotBlank(accountName, nameof(accountName), 200), ownerName, employeeId, now);
        PartnerHubId = partnerHubId;
        return token;
    }

    /// <summary>The operator's word replaces what an open sign-up said (its kind, name and owner), with a new link.</summary>
    public string Reissue(AccountKind kind, string? accountName, string ownerName, Guid invitedBy, DateTimeOffset now)
    {
        PartnerHubId = null;
        Kind = kind;
        AccountName = string.IsNullOrWhiteSpace(accountName) ? null : Guard.NotBlank(accountName, nameof(accountName), 200);
        OwnerName = Guard.NotBlank(ownerName, nameof(ownerName), 200);
        InvitedByUserId = invitedBy;
        return NewLink(now);
    }

    /// <summary>Whether asking again now should send the email again (with a new link), rather than nothing.</summary>
    public bool MaySendAgain(DateTimeOffset now) => now - SentAt >= ResendAfter || now >= ExpiresAt;

    /// <summary>A new link for the same sign-up (the old one works no more), valid for <see cref="Lifetime"/> again.</summary>
    public string NewLink(DateTimeOffset now)
    {
        (var token, TokenHash) = SecretToken.New();
        SentAt = now;
        ExpiresAt = now + Lifetime;
        return token;
    }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>The account is made: the link works no more, and the email may sign up again.</summary>
    public Outcome Complete(long hubId, DateTimeOffset now)
    {
        if (!IsUsable(now)) return Outcome.Refused(UsedOrExpired);
        UsedAt = now;
        OpenFor = null;
        HubId = hubId;
        return Outcome.Done;
    }

    public const string UsedOrExpired = "This link to create your account has been used or has expired. Sign up again, or ask the operator for a new invitation.";
}
