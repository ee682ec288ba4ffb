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
        _emailDomains.Any(d => string.Equals(d.Domain, EmailAddress.DomainOf(email), StringComparison.OrdinalIgnoreCase));

    /// <summary>In a client account, a partner employee takes a partner seat for a partner.</summary>
    public void SeatPartnerEmployee(Guid userId, long partnerHubId, PermissionSet? permissionSet, Guid? grantedBy)
    {
        RequireClient();
        var membership = RequireMember(userId);
        membership.WorkFor(partnerHubId, SeatType.Partner, grantedBy);
        if (permissionSet is not null) AssignPermissionSet(userId, permissionSet);
    }

    /// <summary>R9: the permission set a user works with in this client account.</summary>
    public void AssignPermissionSet(Guid userId, PermissionSet permissionSet)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireClient();
        if (permissionSet.AccountHubId != HubId) throw new InvalidOperationException("That permission set belongs to another account.");
        RequireMember(userId).UsePermissionSet(permissionSet);
    }

    public void SetRevenue(decimal monthlyRecurringRevenue, int paidSalesHubSeats, int paidServiceHubSeats)
    {
        if (monthlyRecurringRevenue < 0 || paidSalesHubSeats < 0 || paidServiceHubSeats < 0)
            throw new ArgumentOutOfRangeException(nameof(monthlyRecurringRevenue), "Revenue and seats cannot be negative.");
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        PaidSalesHubSeats = paidSalesHubSeats;
        PaidServiceHubSeats = paidServiceHubSeats;
    }

    public int SuperAdminCount => _memberships.Count(m => m.IsSuperAdmin);

    /// <summary>R13 and R14: migrate a Super Admin who is a partner employee to Partner Admin.</summary>
    public Outcome ChangeToPartnerAdmin(Guid actorUserId, Guid targetUserId, bool keepBillingPermissions, bool targetIsEmployeeOfActorsPartner)
    {
        RequireClient();
        var actor = MembershipOf(actorUserId);
        var target = MembershipOf(targetUserId);
        if (actor is null || target is null) return Outcome.Refused("That user is not a member of this account.");
        if (!target.IsSuperAdmin) return Outcome.Refused($"{target.User?.Name ?? "That user"} is not a Super Admin in {Name}.");
        if (!targetIsEmployeeOfActorsPartner)
            return Outcome.Refused("Only Super Admins who are partner employees of your partner can be changed to Partner Admin.");
        var actorMay = actorUserId == targetUserId
            ? actor.IsSuperAdmin
            : actor.AccessType is AccessType.SuperAdmin or AccessType.PartnerAdmin;
        if (!actorMay) return Outcome.Refused("You need to be a Super Admin or Partner Admin in this account to do that.");
        // R14: the account always keeps a Super Admin.
        if (SuperAdminCount <= 1)
            return Outcome.Refused("There must be at least one Super Admin in the client account. You are the only Super Admin, so you cannot change yourself or others to a Partner Admin.");
        target.BecomePartnerAdmin(keepBillingPermissions);
        Version++;
        return Outcome.Done;
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
