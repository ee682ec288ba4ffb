using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// A portal: a partner agency (<see cref="PartnerAccount"/>) or a client (<see cref="ClientAccount"/>), identified by its Hub ID.
/// What both kinds share lives here: the members, the one way a member's access changes (<see cref="Change"/>, <see cref="Join"/>,
/// <see cref="Leave"/>), two-factor, suspension. What only one kind does is a method of that kind's type, so that the compiler
/// keeps a partner account out of client-only code (and the reverse).
/// </summary>
public abstract partial class Account : AggregateRoot
{
    private readonly List<Membership> _memberships = [];

    private protected Account() { }

    private protected Account(long hubId, string name, AccountKind kind)
    {
        if (hubId <= 0) throw new ArgumentOutOfRangeException(nameof(hubId), "A Hub ID is a positive number.");
        HubId = hubId;
        Name = Guard.NotBlank(name, nameof(name), 200);
        Kind = kind;
    }

    public static PartnerAccount CreatePartner(long hubId, string name) => new(hubId, name);

    public static ClientAccount CreateClient(long hubId, string name) => new(hubId, name);

    public long HubId { get; private set; }

    public string Name { get; private set; } = "";

    public AccountKind Kind { get; private set; }

    /// <summary>Monthly recurring revenue in USD, the base of managed credit.</summary>
    public decimal MonthlyRecurringRevenue { get; private set; }

    public int PaidSalesHubSeats { get; private set; }

    public int PaidServiceHubSeats { get; private set; }

    /// <summary>B7: every user of this account must sign in with two-factor; one without it is sent to enrolment first.</summary>
    public bool RequiresTwoFactor { get; private set; }

    /// <summary>
    /// The version of who holds what in this account, bumped by every real change of a member's
    /// access (<see cref="Change"/>, <see cref="Join"/>, <see cref="Leave"/>). It is the row's
    /// concurrency token: two changes made from the same reading cannot both commit, so R14 (write
    /// skew across memberships) and R21 (two partners claiming one person) hold under concurrency.
    /// </summary>
    public long Version { get; private protected set; }

    public IReadOnlyList<Membership> Memberships => _memberships;

    public Membership? MembershipOf(Guid userId) => _memberships.FirstOrDefault(m => m.UserId == userId);

    public int SuperAdminCount => _memberships.Count(m => m.IsSuperAdmin);

    /// <summary>Partner employees of <paramref name="partnerHubId"/> in this account (seated or linked).</summary>
    public IEnumerable<Membership> PartnerEmployeesOf(long partnerHubId) => _memberships.Where(m => m.PartnerHubId == partnerHubId);

    /// <summary>R25: whether this user is an admin here now (Super Admin or Partner Admin), the first condition of a request.</summary>
    public bool IsAdminHere(Guid userId) => MembershipOf(userId) is { } member && AccessPolicy.Administers(member.AccessType);

    public Membership AddMember(User user, AccessType accessType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (MembershipOf(user.Id) is not null)
            throw new InvalidOperationException($"{user.Email} is already a member of {Name}.");
        var membership = Join(user, accessType, now);
        Change(membership, AuditActions.MemberAdded, null, now, () => { }, joining: true);
        return membership;
    }

    public void GrantPermissions(Guid userId, Permission permissions)
    {
        var member = RequireMember(userId);
        Change(member, AuditActions.PermissionsGranted, null, default, () => member.Grant(permissions));
    }

    /// <summary>B7: only a Super Admin requires (or stops requiring) two-factor sign-in for every user of the account.</summary>
    public Outcome RequireTwoFactor(Guid actorUserId, bool required) => RequireTwoFactor(new Actor(actorUserId), required, default);

    /// <inheritdoc cref="RequireTwoFactor(Guid, bool)"/>
    public Outcome RequireTwoFactor(Actor actor, bool required, DateTimeOffset now)
    {
        if (!AccessPolicy.CanChangeSecuritySettings(MembershipOf(actor.UserId))) return Outcome.Refused(OnlySuperAdminsRequireTwoFactor);
        if (RequiresTwoFactor == required) return Outcome.Unchanged;
        RequiresTwoFactor = required;
        foreach (var member in _memberships) member.AccountRequiresTwoFactor = required;
        Raise(new AccessChanged(HubId, OwnPartnerHubId, required ? AuditActions.TwoFactorRequired : AuditActions.TwoFactorNoLongerRequired,
            "Every user of the account", required ? "Optional" : "Required", required ? "Required" : "Optional"));
        Acted(actor, required ? "Required two-factor sign-in" : "Stopped requiring two-factor sign-in", now);
        return Outcome.Done;
    }

    public const string OnlySuperAdminsRequireTwoFactor = "Only a Super Admin can change whether two-factor sign-in is required.";

    public void SetRevenue(decimal monthlyRecurringRevenue, int paidSalesHubSeats, int paidServiceHubSeats)
    {
        if (monthlyRecurringRevenue < 0 || paidSalesHubSeats < 0 || paidServiceHubSeats < 0)
            throw new ArgumentOutOfRangeException(nameof(monthlyRecurringRevenue), "Revenue and seats cannot be negative.");
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        PaidSalesHubSeats = paidSalesHubSeats;
        PaidServiceHubSeats = paidServiceHubSeats;
    }

    public const string NeedsAddAndEditUsers = "You need to be a Super Admin or have Add and edit users to do that.";

    /// <summary>R12 (Q): a change an actor made here, which is a qualifying activity only in a client (<see cref="ClientAccount"/>).</summary>
    private protected virtual void Acted(Actor actor, string action, DateTimeOffset now) { }

    /// <summary>The partner whose trail a change of the account itself belongs in too: a partner's own; none for a client.</summary>
    private protected virtual long? OwnPartnerHubId => null;

    private protected string NameOf(Guid userId) => MembershipOf(userId)?.UserName is { Length: > 0 } name ? name : "a partner admin";

    /// <summary>
    /// The one way a member's access changes: bumps <see cref="Version"/> and tells what changed
    /// (audit, the partner relationship, a qualifying activity) when — and only when — something did.
    /// <paramref name="joining"/>: the member was just added by <see cref="Join"/>, so "before" is no access.
    /// </summary>
    private protected Outcome Change(Membership member, string action, Actor? actor, DateTimeOffset now, Action change, bool joining = false)
    {
        AccessSnapshot? before = joining ? null : member.Snapshot();
        var beforeText = joining ? NoAccess : member.Describe();
        change();
        var after = member.Snapshot();
        if (before == after) return Outcome.Unchanged;
        if (!joining) Version++; // Join has bumped it already
        var partnerBefore = before?.PartnerHubId;
        Raise(new AccessChanged(HubId, after.PartnerHubId ?? partnerBefore, action, SubjectOf(member), beforeText, member.Describe()));
        if (partnerBefore != after.PartnerHubId)
        {
            if (partnerBefore is { } left) Raise(new PartnerEmployeeLeft(HubId, left, member.UserId, PartnerEmployeesOf(left).Count()));
            if (after.PartnerHubId is { } joined) Raise(new PartnerEmployeeJoined(HubId, joined, member.UserId));
        }
        if (actor is { } by) Acted(by, action, now);
        return Outcome.Done;
    }

    private protected Membership Join(User user, AccessType accessType, DateTimeOffset now)
    {
        var membership = new Membership(this, user, accessType, now);
        _memberships.Add(membership);
        Version++;
        return membership;
    }

    private protected void Leave(Membership membership, string action, string? note = null)
    {
        _memberships.Remove(membership);
        Version++;
        Raise(new AccessChanged(HubId, membership.PartnerHubId, action, SubjectOf(membership), membership.Describe(), note is null ? NoAccess : $"{NoAccess} ({note})"));
        if (membership.PartnerHubId is { } partner)
            Raise(new PartnerEmployeeLeft(HubId, partner, membership.UserId, PartnerEmployeesOf(partner).Count()));
    }

    public const string NoAccess = "No access";

    private protected static string SubjectOf(Membership membership) => membership.User?.Email ?? membership.UserId.ToString();

    private protected Membership RequireMember(Guid userId) =>
        MembershipOf(userId) ?? throw new InvalidOperationException($"That user is not a member of {Name}.");
}
