namespace PartnerPortal.Domain;

/// <summary>A portal: a partner agency or a client, identified by its Hub ID.</summary>
public class Account
{
    private readonly List<Membership> _memberships = [];
    private readonly List<PermissionSet> _permissionSets = [];
    private readonly List<PartnerEmailDomain> _emailDomains = [];

    private Account() { }

    private Account(long hubId, string name, AccountKind kind)
    {
        if (hubId <= 0) throw new ArgumentOutOfRangeException(nameof(hubId), "A Hub ID is a positive number.");
        HubId = hubId;
        Name = Guard.NotBlank(name, nameof(name), 200);
        Kind = kind;
    }

    public static Account CreatePartner(long hubId, string name) => new(hubId, name, AccountKind.Partner);

    public static Account CreateClient(long hubId, string name)
    {
        var client = new Account(hubId, name, AccountKind.Client);
        client._permissionSets.Add(new PermissionSet(hubId, PermissionSet.StandardPartnerAdminName, Permissions.StandardPartnerAdmin, isStandardPartnerAdmin: true));
        return client;
    }

    public long HubId { get; private set; }
    public string Name { get; private set; } = "";
    public AccountKind Kind { get; private set; }

    /// <summary>Monthly recurring revenue in USD, the base of managed credit.</summary>
    public decimal MonthlyRecurringRevenue { get; private set; }

    public int PaidSalesHubSeats { get; private set; }
    public int PaidServiceHubSeats { get; private set; }

    /// <summary>
    /// Bumped by every change to who is Super Admin. It is the row's concurrency token, so two
    /// demotions racing on one account cannot both commit (R14: write skew across memberships).
    /// </summary>
    public long Version { get; private set; }

    public IReadOnlyList<Membership> Memberships => _memberships;
    public IReadOnlyList<PermissionSet> PermissionSets => _permissionSets;
    public IReadOnlyList<PartnerEmailDomain> EmailDomains => _emailDomains;

    public bool IsPartner => Kind == AccountKind.Partner;

    public Membership? MembershipOf(Guid userId) => _memberships.FirstOrDefault(m => m.UserId == userId);

    public Membership AddMember(User user, AccessType accessType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (MembershipOf(user.Id) is not null)
            throw new InvalidOperationException($"{user.Email} is already a member of {Name}.");
        var membership = new Membership(this, user.Id, accessType, now);
        _memberships.Add(membership);
        if (accessType == AccessType.SuperAdmin) Version++;
        return membership;
    }

    public void GrantPermissions(Guid userId, Permission permissions) => RequireMember(userId).Grant(permissions);

    /// <summary>R15: the Partner employee switch on a user's Partner program tab.</summary>
    public void TagPartnerEmployee(Guid userId, bool isPartnerEmployee)
    {
        RequirePartner();
        RequireMember(userId).MarkPartnerEmployee(isPartnerEmployee);
    }

    public PermissionSet DefinePermissionSet(string name, Permission permissions)
    {
        RequireClient();
        if (_permissionSets.Any(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"{Name} already has a permission set named {name}.");
        var set = new PermissionSet(HubId, name, permissions & ~Permissions.NeverForPartnerAdmin & ~Permission.ManageSuperAdmins, isStandardPartnerAdmin: false);
        _permissionSets.Add(set);
        return set;
    }

    public PermissionSet StandardPartnerAdminSet => _permissionSets.Single(s => s.IsStandardPartnerAdmin);

    /// <summary>Only a Super Admin changes the partner employee email domains.</summary>
    public Outcome AddEmailDomain(Guid actorUserId, string domain)
    {
        RequirePartner();
        if (MembershipOf(actorUserId)?.IsSuperAdmin != true)
            return Outcome.Refused("Only a Super Admin can change the partner employee email domains.");
        var created = PartnerEmailDomain.Create(HubId, domain);
        if (!created.Outcome.Succeeded) return created.Outcome;
        if (_emailDomains.Any(d => d.Domain == created.Domain!.Domain))
            return Outcome.Refused($"{created.Domain!.Domain} is already one of your domains.");
        _emailDomains.Add(created.Domain!);
        return Outcome.Done;
    }

    /// <summary>R7: the checkmark beside an employee's email.</summary>
    public bool OwnsEmailDomainOf(string email) =>
        PartnerEmailDomain.Covers(_emailDomains.Select(d => d.Domain), email);

    public void SetRevenue(decimal monthlyRecurringRevenue, int paidSalesHubSeats, int paidServiceHubSeats)
    {
        if (monthlyRecurringRevenue < 0 || paidSalesHubSeats < 0 || paidServiceHubSeats < 0)
            throw new ArgumentOutOfRangeException(nameof(monthlyRecurringRevenue), "Revenue and seats cannot be negative.");
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        PaidSalesHubSeats = paidSalesHubSeats;
        PaidServiceHubSeats = paidServiceHubSeats;
    }

    public int SuperAdminCount => _memberships.Count(m => m.IsSuperAdmin);

    /// <summary>
    /// R13 and R14: migrate a Super Admin who is a partner employee to Partner Admin.
    /// <paramref name="partnerHubId"/> is the actor's partner when the target is one of its employees, else null.
    /// </summary>
    public Outcome ChangeToPartnerAdmin(Guid actorUserId, Guid targetUserId, bool keepBillingPermissions, long? partnerHubId)
    {
        RequireClient();
        var actor = MembershipOf(actorUserId);
        var target = MembershipOf(targetUserId);
        if (actor is null || target is null) return Outcome.Refused("That user is not a member of this account.");
        if (!target.IsSuperAdmin) return Outcome.Refused($"{target.User?.Name ?? "That user"} is not a Super Admin in {Name}.");
        if (partnerHubId is null)
            return Outcome.Refused("Only Super Admins who are partner employees of your partner can be changed to Partner Admin.");
        if (target.PartnerHubId is { } other && other != partnerHubId) return Outcome.Refused(ConnectedWithAnotherPartner);
        var actorMay = actorUserId == targetUserId
            ? actor.IsSuperAdmin
            : actor.AccessType is AccessType.SuperAdmin or AccessType.PartnerAdmin;
        if (!actorMay) return Outcome.Refused("You need to be a Super Admin or Partner Admin in this account to do that.");
        // R14: the account always keeps a Super Admin.
        if (SuperAdminCount <= 1)
            return Outcome.Refused("There must be at least one Super Admin in the client account. You are the only Super Admin, so you cannot change yourself or others to a Partner Admin.");
        target.BecomePartnerAdmin(keepBillingPermissions);
        target.WorkFor(partnerHubId.Value, actorUserId);
        Version++;
        return Outcome.Done;
    }

    /// <summary>R21: the message a second partner gets for an email already connected to another partner here.</summary>
    public const string ConnectedWithAnotherPartner = "Their email address is already connected with another partner record for this client.";

    /// <summary>R21: the three ways out, as the troubleshooting article gives them.</summary>
    public const string ConnectedWithAnotherPartnerWaysOut =
        "To resolve this: ask the first partner to remove that user's access from the client in their partner account; " +
        "or create an email address for this user on your partner email domain and add that address as the partner employee; " +
        "or ask the user for a different email address.";

    /// <summary>Partner employees of <paramref name="partnerHubId"/> in this account (seated or linked).</summary>
    public IEnumerable<Membership> PartnerEmployeesOf(long partnerHubId) => _memberships.Where(m => m.PartnerHubId == partnerHubId);

    /// <summary>R2, R3, R4, R21: the employee becomes Partner Admin with a partner seat (created, or upgraded if already a user).</summary>
    public Outcome ApproveAccessLink(User employee, long partnerHubId, Guid approverUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(employee);
        if (Kind != AccountKind.Client) return Outcome.Refused("An access link cannot be approved into a partner account.");
        var membership = MembershipOf(employee.Id);
        if (membership?.PartnerHubId is { } other && other != partnerHubId) return Outcome.Refused(ConnectedWithAnotherPartner);
        membership ??= AddMember(employee, AccessType.PartnerAdmin, now);
        // A Super Admin keeps Super Admin: approving a link never lowers anyone's access.
        if (membership.AccessType == AccessType.User) membership.ApplyPermissionSet(StandardPartnerAdminSet);
        membership.WorkFor(partnerHubId, approverUserId);
        return Outcome.Done;
    }

    /// <summary>R6, R21: a partner employee joins with a partner seat and the chosen permission set.</summary>
    public Outcome AddPartnerEmployee(User employee, long partnerHubId, PermissionSet permissionSet, Guid grantedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireClient();
        RequireOwnSet(permissionSet);
        var membership = MembershipOf(employee.Id);
        if (membership?.PartnerHubId is { } other && other != partnerHubId) return Outcome.Refused(ConnectedWithAnotherPartner);
        membership ??= AddMember(employee, AccessType.User, now);
        membership.WorkFor(partnerHubId, grantedBy);
        if (!membership.IsSuperAdmin) membership.ApplyPermissionSet(permissionSet);
        return Outcome.Done;
    }

    /// <summary>R8, R21: an off-domain employee who already is a user here counts for the partner's managed credit.</summary>
    public Outcome LinkPartnerEmployee(Guid userId, long partnerHubId)
    {
        RequireClient();
        var membership = MembershipOf(userId);
        if (membership is null) return Outcome.Refused($"They are not a user of {Name}, so there is nothing to link.");
        if (membership.PartnerHubId is { } other && other != partnerHubId) return Outcome.Refused(ConnectedWithAnotherPartner);
        membership.LinkForManagedCredit(partnerHubId);
        return Outcome.Done;
    }

    /// <summary>R9, R24: another permission set of this account; the Partner Admin set only for partner employees with a partner seat.</summary>
    public Outcome ChangePermissionSet(Guid userId, PermissionSet permissionSet)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireClient();
        RequireOwnSet(permissionSet);
        var membership = RequireMember(userId);
        if (membership.IsSuperAdmin)
            return Outcome.Refused("A Super Admin has every permission. Change them to Partner Admin first.");
        if (permissionSet.IsStandardPartnerAdmin && membership.Seat != SeatType.Partner)
            return Outcome.Refused("Only a partner employee with a partner seat can become Partner Admin.");
        membership.ApplyPermissionSet(permissionSet);
        return Outcome.Done;
    }

    /// <summary>R10, R11, R14: the partner employee leaves this account; never the last Super Admin.</summary>
    public Outcome RemovePartnerEmployee(Guid userId, long partnerHubId)
    {
        RequireClient();
        var membership = MembershipOf(userId);
        if (membership is null || membership.PartnerHubId != partnerHubId)
            return Outcome.Refused($"They are not one of your partner employees in {Name}.");
        if (membership.IsSuperAdmin && SuperAdminCount <= 1)
            return Outcome.Refused($"They are the only Super Admin of {Name}, and a client account always keeps one.");
        _memberships.Remove(membership);
        if (membership.IsSuperAdmin) Version++;
        return Outcome.Done;
    }

    private void RequireOwnSet(PermissionSet permissionSet)
    {
        if (permissionSet.AccountHubId != HubId) throw new InvalidOperationException("That permission set belongs to another account.");
    }

    private Membership RequireMember(Guid userId) =>
        MembershipOf(userId) ?? throw new InvalidOperationException($"That user is not a member of {Name}.");

    private void RequirePartner()
    {
        if (Kind != AccountKind.Partner) throw new InvalidOperationException($"{Name} is not a partner account.");
    }

    private void RequireClient()
    {
        if (Kind != AccountKind.Client) throw new InvalidOperationException($"{Name} is not a client account.");
    }
}
