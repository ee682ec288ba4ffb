namespace PartnerPortal.Domain;

/// <summary>
/// A user in an account, with the access they hold there. Its access changes only through its
/// <see cref="Account"/>, which bumps the account's version and tells what changed (see <c>Account.Change</c>).
/// </summary>
public class Membership
{
    private Membership() { }

    internal Membership(Account account, User user, AccessType accessType, DateTimeOffset now)
    {
        if (account.Kind == AccountKind.Partner && accessType == AccessType.PartnerAdmin)
            throw new InvalidOperationException("Partner Admin is an access type of client accounts only.");
        AccountHubId = account.HubId;
        AccountName = account.Name;
        AccountKind = account.Kind;
        AccountRequiresTwoFactor = account.RequiresTwoFactor;
        UserId = user.Id;
        UserName = user.Name;
        UserEmail = user.Email;
        User = user;
        AccessType = accessType;
        GrantedAt = now;
    }

    public int Id { get; private set; }
    public long AccountHubId { get; private set; }

    /// <summary>
    /// The account's name and kind beside the membership, so that a person's accounts come in name order from an index
    /// (an agency's admin is in a thousand) instead of being read and sorted for each page. An account's kind never
    /// changes and its name is set when it is created; whatever renames an account must rename these too.
    /// </summary>
    public string AccountName { get; private set; } = "";

    /// <inheritdoc cref="AccountName"/>
    public AccountKind AccountKind { get; private set; }

    /// <summary>
    /// B7: <see cref="Account.RequiresTwoFactor"/> beside each membership, so that the check every signed-in request makes
    /// (must this user enrol first?) is one index probe, not a look at each of the user's thousand accounts. The account
    /// sets it on every member when the requirement changes, and on each member who joins.
    /// </summary>
    public bool AccountRequiresTwoFactor { get; internal set; }

    public Guid UserId { get; private set; }

    /// <summary>
    /// The user's name and email beside the membership, so that a partner's employees come in name order from an index
    /// (an agency has hundreds) instead of being joined to their users and sorted for each page. Nothing changes a
    /// user's name or email yet; whatever does must change these too.
    /// </summary>
    public string UserName { get; private set; } = "";

    /// <inheritdoc cref="UserName"/>
    public string UserEmail { get; private set; } = "";

    public User? User { get; private set; }
    public AccessType AccessType { get; private set; }

    /// <summary>Permissions given one by one (partner accounts, and client users besides their set).</summary>
    public Permission ExplicitPermissions { get; private set; }

    public int? PermissionSetId { get; private set; }
    public PermissionSet? PermissionSet { get; private set; }

    /// <summary>R13: a Partner Admin who kept billing permissions when migrating from Super Admin.</summary>
    public bool KeepsBilling { get; private set; }

    /// <summary>R15: in a partner account, the Partner employee switch.</summary>
    public bool IsPartnerEmployee { get; private set; }

    /// <summary>In a client account, the partner this member works for as a partner employee (R21).</summary>
    public long? PartnerHubId { get; private set; }

    /// <summary>R8: linked to the client by hand so that an off-domain employee counts for managed credit.</summary>
    public bool LinkedForManagedCredit { get; private set; }

    public SeatType Seat { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public Guid? GrantedByUserId { get; private set; }

    /// <summary>B2: how a partner employee came to work here — which access link and approver, or which admin added them.</summary>
    public string? GrantedVia { get; private set; }

    /// <summary>B3: access ends when this passes.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? LastActivityAt { get; private set; }

    /// <summary>B5: when an access review last kept this access: it is not stale again until the partner's period has passed since.</summary>
    public DateTimeOffset? ReviewedAt { get; private set; }

    internal void KeptByReview(DateTimeOffset at) => ReviewedAt = at;

    public bool IsSuperAdmin => AccessType == AccessType.SuperAdmin;

    /// <summary>R27: since when this partner user has Partner Access here (paid-seat functionality on no paid seat); null: none.</summary>
    public DateTimeOffset? PartnerAccessSince { get; private set; }

    /// <summary>What this member may do, whatever the source of the right.</summary>
    public Permission EffectivePermissions => AccessType switch
    {
        AccessType.SuperAdmin => Permission.All,
        AccessType.PartnerAdmin => Permissions.StandardPartnerAdmin | (KeepsBilling ? Permission.EditBilling : Permission.None),
        _ => ExplicitPermissions | (PermissionSet?.Permissions ?? Permission.None),
    };

    public bool Has(Permission permission) => (EffectivePermissions & permission) == permission;

    /// <summary>
    /// <see cref="Has"/> as a condition the database evaluates, so that a list of "accounts where you may …" is
    /// filtered and bounded in the query. The same rule as <see cref="EffectivePermissions"/>; a test holds the two
    /// to the same answers for every access type and permission.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Membership, bool>> HasInQuery(Permission permission) => m =>
        m.AccessType == AccessType.SuperAdmin
        || (m.AccessType == AccessType.PartnerAdmin
            && ((Permissions.StandardPartnerAdmin | (m.KeepsBilling ? Permission.EditBilling : Permission.None)) & permission) == permission)
        || (m.AccessType != AccessType.SuperAdmin && m.AccessType != AccessType.PartnerAdmin
            && ((m.ExplicitPermissions | (m.PermissionSet == null ? Permission.None : m.PermissionSet.Permissions)) & permission) == permission);

    /// <summary>How the access reads in an audit entry or a review: "Partner Admin, Partner seat".</summary>
    public string Describe() => Describe(AccessType, PermissionSet?.Name, Seat, KeepsBilling, PartnerAccessSince is not null);

    /// <summary>The same, from the columns a page projects (no membership loaded).</summary>
    public static string Describe(AccessType accessType, string? permissionSet, SeatType seat, bool keepsBilling, bool partnerAccess = false) => (accessType switch
    {
        AccessType.User => $"User ({permissionSet ?? "no permission set"}), {seat.Display()}",
        AccessType.PartnerAdmin => $"Partner Admin{(keepsBilling ? " with billing" : "")}, {seat.Display()}",
        _ => $"{accessType.Display()}, {seat.Display()}",
    }) + (partnerAccess ? ", " + PartnerAccessName : "");

    /// <summary>R27: how Partner Access reads beside the seat.</summary>
    public const string PartnerAccessName = "Partner Access (paid features, no paid seat used)";

    /// <summary>Everything that makes up this member's access, to tell whether a change changed anything.</summary>
    internal AccessSnapshot Snapshot() =>
        new(AccessType, PermissionSet?.Name, ExplicitPermissions, KeepsBilling, IsPartnerEmployee, PartnerHubId, LinkedForManagedCredit, Seat, ExpiresAt,
            PartnerAccessSince is not null);

    /// <summary>R27: Partner Access, granted on approval of a request; it goes with the admin access it was granted on.</summary>
    internal void GrantPartnerAccess(DateTimeOffset now) => PartnerAccessSince ??= now;

    internal void Grant(Permission permissions) => ExplicitPermissions |= permissions;

    internal void MarkPartnerEmployee(bool on) => IsPartnerEmployee = on;

    /// <summary>In a partner account: Super Admin, or a user with exactly these partner permissions.</summary>
    internal void SetPartnerAccess(AccessType accessType, Permission permissions)
    {
        AccessType = accessType;
        ExplicitPermissions = permissions;
    }

    /// <summary>
    /// Works in this client account for a partner, on a partner seat (created, or upgraded from a core or view-only seat). B2, B5:
    /// the partner access is granted now — by whom and how — even for someone who was already the client's own user.
    /// </summary>
    internal void WorkFor(long partnerHubId, Guid grantedBy, string via, DateTimeOffset now)
    {
        if (PartnerHubId != partnerHubId)
        {
            GrantedByUserId = grantedBy;
            GrantedVia = via;
            GrantedAt = now;
            ReviewedAt = null;
        }
        PartnerHubId = partnerHubId;
        if (Seat != SeatType.Paid) Seat = SeatType.Partner;
    }

    /// <summary>The standard Partner Admin set makes a Partner Admin, on a partner seat (R24); any other set a User with that set.</summary>
    internal void ApplyPermissionSet(PermissionSet set)
    {
        PermissionSet = set;
        PermissionSetId = set.Id == 0 ? null : set.Id;
        if (set.IsStandardPartnerAdmin)
        {
            AccessType = AccessType.PartnerAdmin;
            Seat = SeatType.Partner;
        }
        else
        {
            AccessType = AccessType.User;
            KeepsBilling = false;
            PartnerAccessSince = null;
        }
    }

    /// <summary>R13, R24: a Partner Admin holds a partner seat.</summary>
    internal void BecomePartnerAdmin(bool keepBilling)
    {
        AccessType = AccessType.PartnerAdmin;
        KeepsBilling = keepBilling;
        Seat = SeatType.Partner;
    }

    internal void TakeSeat(SeatType seat) => Seat = seat;

    /// <summary>B2, B3: the day this access ends (null: no end date).</summary>
    internal void EndAccessOn(DateTimeOffset? endsAt) => ExpiresAt = endsAt;

    /// <summary>A client user's access from Users &amp; Teams: Super Admin, or a User with a set and a seat.</summary>
    internal void SetClientAccess(AccessType accessType, PermissionSet? set, SeatType seat)
    {
        AccessType = accessType;
        PermissionSet = accessType == AccessType.User ? set : null;
        PermissionSetId = accessType == AccessType.User && set is { Id: not 0 } ? set.Id : null;
        ExplicitPermissions = Permission.None;
        KeepsBilling = false;
        Seat = seat;
        if (accessType == AccessType.User) PartnerAccessSince = null;
    }

    /// <summary>O4: Super Admin, with no permission set of their own (a Super Admin holds every permission).</summary>
    internal void BecomeSuperAdmin()
    {
        AccessType = AccessType.SuperAdmin;
        PermissionSet = null;
        PermissionSetId = null;
        ExplicitPermissions = Permission.None;
        ExpiresAt = null;
    }

    /// <summary>SPEC §3: someone who stays after leaving the partner is the client's own user here: no partner seat, no credit, R21 freed.</summary>
    internal void BecomeOwnUser()
    {
        PartnerHubId = null;
        LinkedForManagedCredit = false;
        ExpiresAt = null;
        if (Seat == SeatType.Partner) Seat = SeatType.Core;
        if (AccessType == AccessType.PartnerAdmin) AccessType = AccessType.User;
    }

    internal void LinkForManagedCredit(long partnerHubId)
    {
        PartnerHubId = partnerHubId;
        LinkedForManagedCredit = true;
    }
}
