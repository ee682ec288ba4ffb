using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>A portal: a partner agency or a client, identified by its Hub ID.</summary>
public partial class Account : AggregateRoot
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

    /// <summary>B7: every user of this account must sign in with two-factor; one without it is sent to enrolment first.</summary>
    public bool RequiresTwoFactor { get; private set; }

    /// <summary>
    /// The version of who holds what in this account, bumped by every real change of a member's
    /// access (<see cref="Change"/>, <see cref="Join"/>, <see cref="Leave"/>). It is the row's
    /// concurrency token: two changes made from the same reading cannot both commit, so R14 (write
    /// skew across memberships) and R21 (two partners claiming one person) hold under concurrency.
    /// </summary>
    public long Version { get; private set; }

    public IReadOnlyList<Membership> Memberships => _memberships;
    public IReadOnlyList<PermissionSet> PermissionSets => _permissionSets;
    public IReadOnlyList<PartnerEmailDomain> EmailDomains => _emailDomains;

    public bool IsPartner => Kind == AccountKind.Partner;

    public Membership? MembershipOf(Guid userId) => _memberships.FirstOrDefault(m => m.UserId == userId);

    public int SuperAdminCount => _memberships.Count(m => m.IsSuperAdmin);

    /// <summary>Partner employees of <paramref name="partnerHubId"/> in this account (seated or linked).</summary>
    public IEnumerable<Membership> PartnerEmployeesOf(long partnerHubId) => _memberships.Where(m => m.PartnerHubId == partnerHubId);

    public PermissionSet StandardPartnerAdminSet => _permissionSets.Single(s => s.IsStandardPartnerAdmin);

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

    /// <summary>
    /// Users &amp; Teams → Create user: a new user of this partner account, Super Admin or with some of the partner
    /// permissions, with the Partner employee switch set. It takes Super Admin or Add and edit users; only a Super Admin
    /// makes a Super Admin.
    /// </summary>
    public Outcome AddPartnerUser(Guid actorUserId, User user, bool superAdmin, Permission permissions, bool partnerEmployee, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (WhyNotAddPartnerUser(actorUserId, user, superAdmin) is { } refusal) return Outcome.Refused(refusal);
        var membership = Join(user, superAdmin ? AccessType.SuperAdmin : AccessType.User, now);
        return Change(membership, AuditActions.UserAdded, new Actor(actorUserId), now, () =>
        {
            if (!superAdmin) membership.Grant(permissions & Permissions.PartnerAccount);
            membership.MarkPartnerEmployee(partnerEmployee);
        }, joining: true);
    }

    /// <summary>
    /// Issue 22: someone who already signs in elsewhere is invited, not added (<see cref="AccountInvitation"/>), on the same conditions as
    /// <see cref="AddPartnerUser"/>. <see cref="Version"/> moves, so that an invitation and a concurrent change of who is here (the same
    /// person added at that moment) cannot both commit from one reading.
    /// </summary>
    public (Outcome Outcome, AccountInvitation? Invitation) InvitePartnerUser(Guid actorUserId, User user, bool superAdmin, Permission permissions,
        bool partnerEmployee, DateTimeOffset now)
    {
        if (WhyNotAddPartnerUser(actorUserId, user, superAdmin) is { } refusal) return (Outcome.Refused(refusal), null);
        Version++;
        return (Outcome.Done, AccountInvitation.ToPartner(HubId, user, actorUserId, superAdmin, permissions, partnerEmployee, now));
    }

    /// <summary>Why <see cref="AddPartnerUser"/> would refuse (also asked before inviting someone who already signs in elsewhere); null when it would not.</summary>
    public string? WhyNotAddPartnerUser(Guid actorUserId, User user, bool superAdmin)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequirePartner();
        var actor = MembershipOf(actorUserId);
        if (!AccessPolicy.CanAddAndEditUsers(actor)) return NeedsAddAndEditUsers;
        if (superAdmin && !actor!.IsSuperAdmin) return OnlySuperAdminsMakeSuperAdmins;
        return MembershipOf(user.Id) is not null ? $"{user.Email} already is a user of {Name}." : null;
    }

    /// <summary>
    /// Users &amp; Teams → a user's access in this partner account: Super Admin, or some of the partner permissions. Only a
    /// Super Admin makes or unmakes a Super Admin, and the account always keeps one (as R14 for clients, under
    /// concurrency through <see cref="Version"/>).
    /// </summary>
    public Outcome SetPartnerAccess(Guid actorUserId, Guid userId, bool superAdmin, Permission permissions, DateTimeOffset now)
    {
        RequirePartner();
        var actor = MembershipOf(actorUserId);
        if (!AccessPolicy.CanAddAndEditUsers(actor)) return Outcome.Refused(NeedsAddAndEditUsers);
        var target = MembershipOf(userId);
        if (target is null) return Outcome.Refused($"That user is not a user of {Name}.");
        if ((superAdmin || target.IsSuperAdmin) && !actor!.IsSuperAdmin) return Outcome.Refused(OnlySuperAdminsMakeSuperAdmins);
        if (target.IsSuperAdmin && !superAdmin && SuperAdminCount <= 1)
            return Outcome.Refused($"{Name} always keeps one Super Admin, and {target.UserName} is the only one. Make someone else Super Admin first.");
        return Change(target, AuditActions.AccessChanged, new Actor(actorUserId), now,
            () => target.SetPartnerAccess(superAdmin ? AccessType.SuperAdmin : AccessType.User, superAdmin ? Permission.None : permissions & Permissions.PartnerAccount));
    }

    public const string NeedsAddAndEditUsers = "You need to be a Super Admin or have Add and edit users to do that.";
    public const string OnlySuperAdminsMakeSuperAdmins = "Only a Super Admin can make someone a Super Admin or change a Super Admin's access.";

    /// <summary>R15: the Partner employee switch on a user's Partner program tab.</summary>
    public void TagPartnerEmployee(Guid userId, bool isPartnerEmployee)
    {
        RequirePartner();
        var member = RequireMember(userId);
        Change(member, isPartnerEmployee ? AuditActions.PartnerEmployeeSwitchOn : AuditActions.PartnerEmployeeSwitchOff, null, default,
            () => member.MarkPartnerEmployee(isPartnerEmployee));
    }

    public PermissionSet DefinePermissionSet(string name, Permission permissions)
    {
        RequireClient();
        if (_permissionSets.Any(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"{Name} already has a permission set named {name}.");
        var set = new PermissionSet(HubId, name, SetPermissions(permissions), isStandardPartnerAdmin: false);
        _permissionSets.Add(set);
        return set;
    }

    /// <summary>Only a Super Admin changes the partner employee email domains.</summary>
    public Outcome AddEmailDomain(Guid actorUserId, string domain)
    {
        RequirePartner();
        if (!AccessPolicy.CanChangeEmailDomains(MembershipOf(actorUserId))) return Outcome.Refused(OnlySuperAdminsChangeDomains);
        var created = PartnerEmailDomain.Create(HubId, domain);
        if (!created.Outcome.Succeeded) return created.Outcome;
        if (_emailDomains.Any(d => d.Domain == created.Domain!.Domain))
            return Outcome.Refused($"{created.Domain!.Domain} is already one of your domains.");
        _emailDomains.Add(created.Domain!);
        // B1: who gets the checkmark, counts for credit (R7) and is eligible for Partner Admin (R24) changes with it.
        Raise(new AccessChanged(HubId, HubId, AuditActions.PartnerEmployeeEmailDomainAdded, $"Email domain {created.Domain!.Domain}", "None", "Partner employee email domain"));
        return Outcome.Done;
    }

    /// <summary>Only a Super Admin changes the partner employee email domains. Employees on it lose the checkmark (R7) at once.</summary>
    public Outcome RemoveEmailDomain(Guid actorUserId, string domain)
    {
        RequirePartner();
        if (!AccessPolicy.CanChangeEmailDomains(MembershipOf(actorUserId))) return Outcome.Refused(OnlySuperAdminsChangeDomains);
        var existing = _emailDomains.FirstOrDefault(d => d.Domain == PartnerEmailDomain.Normalize(domain));
        if (existing is null) return Outcome.Unchanged;
        _emailDomains.Remove(existing);
        Raise(new AccessChanged(HubId, HubId, AuditActions.PartnerEmployeeEmailDomainRemoved, $"Email domain {existing.Domain}", "Partner employee email domain", "None"));
        return Outcome.Done;
    }

    /// <summary>B7: only a Super Admin requires (or stops requiring) two-factor sign-in for every user of the account.</summary>
    public Outcome RequireTwoFactor(Guid actorUserId, bool required) => RequireTwoFactor(new Actor(actorUserId), required, default);

    /// <inheritdoc cref="RequireTwoFactor(Guid, bool)"/>
    public Outcome RequireTwoFactor(Actor actor, bool required, DateTimeOffset now)
    {
        if (!AccessPolicy.CanChangeSecuritySettings(MembershipOf(actor.UserId))) return Outcome.Refused(OnlySuperAdminsRequireTwoFactor);
        if (RequiresTwoFactor == required) return Outcome.Unchanged;
        RequiresTwoFactor = required;
        Raise(new AccessChanged(HubId, IsPartner ? HubId : null, required ? AuditActions.TwoFactorRequired : AuditActions.TwoFactorNoLongerRequired,
            "Every user of the account", required ? "Optional" : "Required", required ? "Required" : "Optional"));
        Acted(actor, required ? "Required two-factor sign-in" : "Stopped requiring two-factor sign-in", now);
        return Outcome.Done;
    }

    public const string OnlySuperAdminsRequireTwoFactor = "Only a Super Admin can change whether two-factor sign-in is required.";

    public const string OnlySuperAdminsChangeDomains = "Only a Super Admin can change the partner employee email domains.";

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

    /// <summary>
    /// R13 and R14: migrate a Super Admin who is a partner employee to Partner Admin.
    /// <paramref name="partnerHubId"/> is the actor's partner when the target is one of its employees, else null.
    /// </summary>
    public Outcome ChangeToPartnerAdmin(Actor actor, Guid targetUserId, bool keepBillingPermissions, long? partnerHubId, DateTimeOffset now)
    {
        RequireClient();
        var actorMembership = MembershipOf(actor.UserId);
        var target = MembershipOf(targetUserId);
        if (actorMembership is null || target is null) return Outcome.Refused("That user is not a member of this account.");
        if (!target.IsSuperAdmin) return Outcome.Refused($"{target.User?.Name ?? "That user"} is not a Super Admin in {Name}.");
        if (partnerHubId is null)
            return Outcome.Refused("Only Super Admins who are partner employees of your partner can be changed to Partner Admin.");
        if (target.PartnerHubId is { } other && other != partnerHubId) return Outcome.Refused(ConnectedWithAnotherPartner);
        if (WhoMayChangeWhom.WhyNot(actor, actorMembership, target, MemberChange.ChangeToPartnerAdmin, Name, partnerHubId) is { } refusal)
            return Outcome.Refused(refusal);
        // R14: the account always keeps a Super Admin.
        if (SuperAdminCount <= 1)
            return Outcome.Refused("There must be at least one Super Admin in the client account. You are the only Super Admin, so you cannot change yourself or others to a Partner Admin.");
        return Change(target, AuditActions.ChangedToPartnerAdmin, actor, now, () =>
        {
            target.BecomePartnerAdmin(keepBillingPermissions);
            target.WorkFor(partnerHubId.Value, actor.UserId, $"Migrated from Super Admin by {NameOf(actor.UserId)}", now);
        });
    }

    /// <summary>
    /// R21: the refusal a second partner gets for an email already connected to another partner here,
    /// with the three ways out of the troubleshooting article, wherever it is shown.
    /// </summary>
    public const string ConnectedWithAnotherPartner =
        "Their email address is already connected with another partner record for this client. " +
        "To resolve this: ask the first partner to remove that user's access from the client in their partner account; " +
        "or create an email address for this user on your partner email domain and add that address as the partner employee; " +
        "or ask the user for a different email address.";

    /// <summary>R2, R3, R4, R21: the employee becomes Partner Admin with a partner seat (created, or upgraded if already a user).</summary>
    public Outcome ApproveAccessLink(User employee, long partnerHubId, Actor approver, DateTimeOffset now, DateTimeOffset? endsAt = null)
    {
        ArgumentNullException.ThrowIfNull(employee);
        if (Kind != AccountKind.Client) return Outcome.Refused("An access link cannot be approved into a partner account.");
        var membership = MembershipOf(employee.Id);
        if (WhoMayChangeWhom.WhyNotAdd(approver, MembershipOf(approver.UserId), membership, partnerHubId, endsAt is not null, Name) is { } refusal)
            return Outcome.Refused(refusal);
        if (WhyNotEnd(membership, endsAt, now) is { } cannotEnd) return Outcome.Refused(cannotEnd);
        var joining = membership is null;
        membership ??= Join(employee, AccessType.PartnerAdmin, now);
        return Change(membership, AuditActions.AccessLinkApproved, approver, now, () =>
        {
            // A Super Admin keeps Super Admin: approving a link never lowers anyone's access.
            if (membership.AccessType == AccessType.User) membership.ApplyPermissionSet(StandardPartnerAdminSet);
            if (membership.AccessType == AccessType.PartnerAdmin) membership.BecomePartnerAdmin(membership.KeepsBilling);
            membership.WorkFor(partnerHubId, approver.UserId, $"Access link approved by {NameOf(approver.UserId)}", now);
            if (endsAt is not null) membership.EndAccessOn(endsAt); // B3: the approver may make it time-bound
        }, joining);
    }

    /// <summary>R6, R21: a partner employee joins with a partner seat and the chosen permission set.</summary>
    public Outcome AddPartnerEmployee(User employee, long partnerHubId, PermissionSet permissionSet, Actor by, DateTimeOffset now, DateTimeOffset? endsAt = null)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireClient();
        RequireOwnSet(permissionSet);
        var membership = MembershipOf(employee.Id);
        if (WhoMayChangeWhom.WhyNotAdd(by, MembershipOf(by.UserId), membership, partnerHubId, endsAt is not null, Name) is { } refusal)
            return Outcome.Refused(refusal);
        if (WhyNotEnd(membership, endsAt, now) is { } cannotEnd) return Outcome.Refused(cannotEnd);
        var joining = membership is null;
        membership ??= Join(employee, AccessType.User, now);
        return Change(membership, AuditActions.PartnerEmployeeAdded, by, now, () =>
        {
            // B2: how they came, as the ledger says it: through the partner's Client Access Manager, or by one of the client's own admins.
            membership.WorkFor(partnerHubId, by.UserId,
                by.Through is null ? $"Added by {NameOf(by.UserId)} of {Name}" : $"Added by {NameOf(by.UserId)} through the Client Access Manager", now);
            if (!membership.IsSuperAdmin) membership.ApplyPermissionSet(permissionSet);
            if (endsAt is not null) membership.EndAccessOn(endsAt); // B3: time-bound from the start
        }, joining);
    }

    /// <summary>R8, R21: an off-domain employee who already is a user here counts for the partner's managed credit.</summary>
    public Outcome LinkPartnerEmployee(Guid userId, long partnerHubId, Actor by, DateTimeOffset now)
    {
        RequireClient();
        var membership = MembershipOf(userId);
        if (membership is null) return Outcome.Refused($"They are not a user of {Name}, so there is nothing to link.");
        if (WhoMayChangeWhom.WhyNotAdd(by, MembershipOf(by.UserId), membership, partnerHubId, false, Name) is { } refusal) return Outcome.Refused(refusal);
        return Change(membership, AuditActions.PartnerEmployeeLinked, by, now, () => membership.LinkForManagedCredit(partnerHubId));
    }

    /// <summary>R9, R24: another permission set of this account; the Partner Admin set only for partner employees with a partner seat.</summary>
    public Outcome ChangePermissionSet(Guid userId, PermissionSet permissionSet, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireClient();
        RequireOwnSet(permissionSet);
        var membership = RequireMember(userId);
        if (membership.IsSuperAdmin)
            return Outcome.Refused("A Super Admin has every permission. Change them to Partner Admin first.");
        var change = membership.PartnerHubId is null ? MemberChange.ChangeAccess : MemberChange.ChangePermissionSet;
        if (WhoMayChangeWhom.WhyNot(by, MembershipOf(by.UserId), membership, change, Name) is { } refusal) return Outcome.Refused(refusal);
        if (permissionSet.IsStandardPartnerAdmin && membership.Seat != SeatType.Partner)
            return Outcome.Refused("Only a partner employee with a partner seat can become Partner Admin.");
        return Change(membership, AuditActions.PermissionSetChanged, by, now, () => membership.ApplyPermissionSet(permissionSet));
    }

    /// <summary>
    /// A seat the client gives one of its users (paid Sales Hub or Service Hub, core, view-only). A
    /// partner seat is never given this way: it comes with working for a partner (R3, R6, R24).
    /// </summary>
    public Outcome AssignSeat(Guid userId, SeatType seat, Actor by)
    {
        RequireClient();
        if (seat == SeatType.Partner) return Outcome.Refused("A partner seat comes with a partner employee's access; it is not assigned by hand.");
        var membership = RequireMember(userId);
        if (membership.AccessType == AccessType.PartnerAdmin) return Outcome.Refused("A Partner Admin holds a partner seat (R24).");
        return Change(membership, AuditActions.SeatChanged, by, default, () => membership.TakeSeat(seat));
    }

    /// <summary>R10, R11, R14, R28: partner employees leave this account, all or none.</summary>
    public Outcome RemovePartnerEmployees(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var blockers = RemovalBlockers(userIds, partnerHubId, by);
        if (blockers.Count > 0) return Outcome.Refused(blockers.Values.First());
        foreach (var userId in userIds.Distinct()) Leave(MembershipOf(userId)!, AuditActions.PartnerEmployeeRemoved);
        return Outcome.Done;
    }

    /// <summary>
    /// Why each of these partner employees could not be removed together, judged on the account as
    /// it is now (the review shows it before anything changes): not the partner's; the actor lacks
    /// the right here (R10, R28); or it would leave no Super Admin (R14). Empty when all may go.
    /// </summary>
    public IReadOnlyDictionary<Guid, string> RemovalBlockers(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        RequireClient();
        var actor = MembershipOf(by.UserId);
        var blockers = new Dictionary<Guid, string>();
        var superAdminsLeft = SuperAdminCount;
        foreach (var userId in userIds.Distinct())
        {
            var membership = MembershipOf(userId);
            if (membership is null || membership.PartnerHubId != partnerHubId)
                blockers[userId] = $"They are not one of your partner employees in {Name}.";
            else if (WhoMayChangeWhom.WhyNot(by, actor, membership, MemberChange.Remove, Name) is { } refusal)
                blockers[userId] = refusal;
            else if (membership.IsSuperAdmin && --superAdminsLeft < 1)
                blockers[userId] = $"{membership.User?.Name ?? "They"} is the only Super Admin left in {Name}, and a client account always keeps one.";
        }
        return blockers;
    }

    /// <summary>
    /// R20, B4, B5: the partner takes these employees back from this client — offboarding, Remove user, a review's removal.
    /// Each goes whom SPEC §3 lets <paramref name="by"/> remove; the others stay, with the reason returned (keyed by user), the
    /// trail saying so and the client's Super Admins told. One who leaves the partner (<see cref="PartnerRole.RemovingUser"/>)
    /// and stays here becomes the client's own user (no partner seat, no credit; R12 follows).
    /// </summary>
    public IReadOnlyDictionary<Guid, string> RevokePartnerEmployees(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string action,
        DateTimeOffset now, string? note = null) =>
        Revocation(userIds, partnerHubId, by, action, now, note);

    /// <summary>Who <see cref="RevokePartnerEmployees"/> would leave in place, and why, changing nothing (the review).</summary>
    public IReadOnlyDictionary<Guid, string> RevocationStays(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by) =>
        Revocation(userIds, partnerHubId, by, action: null, default, note: null);

    /// <summary>The trail's action for someone a bulk removal left in place (B4's receipt lists them).</summary>

    private Dictionary<Guid, string> Revocation(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string? action, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        RequireClient();
        var stays = new Dictionary<Guid, string>();
        var superAdminsLeft = SuperAdminCount;
        var actorHere = MembershipOf(by.UserId);
        foreach (var userId in userIds.Distinct())
        {
            var membership = MembershipOf(userId);
            if (membership is null || membership.PartnerHubId != partnerHubId) continue; // not (or no longer) the partner's here
            var refusal = WhoMayChangeWhom.WhyNot(by, actorHere, membership, MemberChange.Remove, Name);
            if (refusal is null && membership.IsSuperAdmin && superAdminsLeft <= 1)
                refusal = $"{membership.UserName} is the only Super Admin of {Name}, and a client account always keeps one. " +
                    "Ask the client to make someone else Super Admin, then remove them there.";
            if (refusal is not null)
            {
                stays[userId] = $"Stays: {refusal}";
                if (action is null) continue;
                // B4: the receipt and the client's trail say that they stayed, and why; the client's Super Admins are told.
                Raise(new AccessChanged(HubId, partnerHubId, AuditActions.Stays(action), SubjectOf(membership), membership.Describe(), $"{membership.Describe()} ({refusal})"));
                Raise(new PartnerPersonStayed(HubId, partnerHubId, membership.UserId, membership.UserName, refusal));
                if (by.Through?.RemovingUser == true)
                    Change(membership, AuditActions.LeftThePartner, null, now, membership.BecomeOwnUser);
                continue;
            }
            if (membership.IsSuperAdmin) superAdminsLeft--;
            if (action is not null) Leave(membership, action, note);
        }
        return stays;
    }

    /// <summary>
    /// R20: Remove user from this partner account. Takes Super Admin or Add and edit users; only a Super Admin removes a
    /// Super Admin; the account keeps one Super Admin; nobody removes themselves. Their access in the partner's clients is
    /// revoked in the same unit of work (<see cref="RevokePartnerEmployees"/>).
    /// </summary>
    public Outcome RemoveUser(Guid actorUserId, Guid userId)
    {
        if (WhyNotRemoveUser(actorUserId, userId) is { } refusal) return Outcome.Refused(refusal);
        Leave(MembershipOf(userId)!, AuditActions.UserRemoved);
        return Outcome.Done;
    }

    /// <summary>Why <see cref="RemoveUser"/> would refuse, in the words the review shows; null when it would not.</summary>
    public string? WhyNotRemoveUser(Guid actorUserId, Guid userId)
    {
        RequirePartner();
        var actor = MembershipOf(actorUserId);
        if (!AccessPolicy.CanAddAndEditUsers(actor)) return NeedsAddAndEditUsers;
        var target = MembershipOf(userId);
        if (target is null) return $"That user is not a user of {Name} (any more).";
        if (userId == actorUserId) return "You cannot remove yourself. Ask another admin of the account.";
        if (WhyNotOffboard(actorUserId, userId) is { } notYours) return notYours;
        if (target.IsSuperAdmin && SuperAdminCount <= 1) return $"{Name} always keeps one Super Admin, and {target.UserName} is the only one.";
        return null;
    }

    /// <summary>SPEC §3: a partner's own Super Admin is offboarded or removed only by a Super Admin of that partner; null when allowed.</summary>
    public string? WhyNotOffboard(Guid actorUserId, Guid userId)
    {
        RequirePartner();
        var target = MembershipOf(userId);
        if (target is null) return $"That user is not a user of {Name} (any more).";
        return target.IsSuperAdmin && MembershipOf(actorUserId)?.IsSuperAdmin != true
            ? $"{target.UserName} is a Super Admin of {Name}: only another Super Admin of {Name} can offboard or remove them."
            : null;
    }

    /// <summary>
    /// The one way a member's access changes: bumps <see cref="Version"/> and tells what changed
    /// (audit, the partner relationship, a qualifying activity) when — and only when — something did.
    /// <paramref name="joining"/>: the member was just added by <see cref="Join"/>, so "before" is no access.
    /// </summary>
    private Outcome Change(Membership member, string action, Actor? actor, DateTimeOffset now, Action change, bool joining = false)
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

    private Membership Join(User user, AccessType accessType, DateTimeOffset now)
    {
        var membership = new Membership(this, user, accessType, now);
        _memberships.Add(membership);
        Version++;
        return membership;
    }

    private void Leave(Membership membership, string action, string? note = null)
    {
        _memberships.Remove(membership);
        Version++;
        Raise(new AccessChanged(HubId, membership.PartnerHubId, action, SubjectOf(membership), membership.Describe(), note is null ? NoAccess : $"{NoAccess} ({note})"));
        if (membership.PartnerHubId is { } partner)
            Raise(new PartnerEmployeeLeft(HubId, partner, membership.UserId, PartnerEmployeesOf(partner).Count()));
    }

    public const string NoAccess = "No access";

    private static string SubjectOf(Membership membership) => membership.User?.Email ?? membership.UserId.ToString();

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
