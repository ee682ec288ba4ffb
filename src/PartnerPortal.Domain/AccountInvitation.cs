namespace PartnerPortal.Domain;

/// <summary>
/// Issue 22: someone who already has a Partner Portal sign-in is invited to an account, never added to it by another tenant's admin.
/// Until they accept, the account sees only the email it typed (not their name), and nothing of the account applies to them (its
/// two-factor requirement included). Accepting makes the membership offered, as the inviter could still give it then; declining or
/// letting it expire makes nothing. One open invitation per account and person (<see cref="OpenFor"/>, a unique key).
/// </summary>
public class AccountInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private AccountInvitation() { }

    private AccountInvitation(long accountHubId, Guid userId, string email, Guid invitedBy, DateTimeOffset now)
    {
        AccountHubId = accountHubId;
        UserId = userId;
        Email = email;
        InvitedByUserId = invitedBy;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
        State = InvitationState.Pending;
        OpenFor = userId;
    }

    /// <summary>To a partner account, with the access Users &amp; Teams → Create user chose.</summary>
    public static AccountInvitation ToPartner(long partnerHubId, User user, Guid invitedBy, bool superAdmin, Permission permissions, bool partnerEmployee,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccountInvitation(partnerHubId, user.Id, user.Email, invitedBy, now)
        {
            SuperAdmin = superAdmin, Permissions = superAdmin ? Permission.None : permissions & Domain.Permissions.PartnerAccount, PartnerEmployee = partnerEmployee,
        };
    }

    /// <summary>To a client account as one of its own users: Super Admin, or a permission set and a seat.</summary>
    public static AccountInvitation ToClient(long clientHubId, User user, Guid invitedBy, ClientAccess access, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(access);
        if (access.Template) throw new ArgumentException("The Partner Admin template is R24's, for the client's partners' employees.", nameof(access));
        return new AccountInvitation(clientHubId, user.Id, user.Email, invitedBy, now)
        {
            SuperAdmin = access.SuperAdmin, PermissionSetId = access.SuperAdmin ? null : access.PermissionSetId, Seat = access.Seat,
        };
    }

    public int Id { get; private set; }
    public long AccountHubId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The address the inviter typed: all the account sees of the person until they accept.</summary>
    public string Email { get; private set; } = "";

    public Guid InvitedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Also the row's concurrency token: of two answers, one wins.</summary>
    public InvitationState State { get; private set; }

    /// <summary>The person while the invitation is open, null once answered: unique with the account, so one open invitation each.</summary>
    public Guid? OpenFor { get; private set; }

    public bool SuperAdmin { get; private set; }
    public Permission Permissions { get; private set; }
    public bool PartnerEmployee { get; private set; }
    public int? PermissionSetId { get; private set; }
    public SeatType Seat { get; private set; }

    /// <summary>The client access it offers (meaningless for a partner account).</summary>
    public ClientAccess ClientAccess => new(false, SuperAdmin, PermissionSetId, Seat);

    public bool IsOpen(DateTimeOffset now) => State == InvitationState.Pending && now < ExpiresAt;

    public Outcome Answer(Guid byUserId, bool accept, DateTimeOffset now)
    {
        if (byUserId != UserId) return Outcome.Refused(NotYours);
        if (!IsOpen(now)) return Outcome.Refused(NoLongerOpen);
        State = accept ? InvitationState.Accepted : InvitationState.Declined;
        AnsweredAt = now;
        OpenFor = null;
        return Outcome.Done;
    }

    public const string NotYours = "This invitation is for someone else.";
    public const string NoLongerOpen = "This invitation was answered already, or it expired. Ask the admin who sent it for a new one.";
}
