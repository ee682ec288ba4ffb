using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// The client's own side of a client account (seeds 001 and 004): its users and permission sets, its billing and security
/// settings, and its control over the partners working in it (R22–R24, R23, R28, B2). Every method takes the actor; a
/// partner employee's change is a qualifying activity (R12) raised here, once, by <see cref="Acted"/>.
/// </summary>
public sealed partial class ClientAccount
{
    /// <summary>R12 (Q): a partner employee's change inside this client account, recorded with the change.</summary>
    private protected override void Acted(Actor actor, string action, DateTimeOffset now)
    {
        if (actor.ForPartnerHubId is { } partner) Raise(new PartnerActed(HubId, partner, actor.UserId, action, now));
    }

    /// <summary>The facts of the client's billing (from its contract, not from a page).</summary>
    public void SetSubscription(string subscription, DateTimeOffset contractEndsOn, Guid? billingOwnerUserId)
    {
        Subscription = Guard.NotBlank(subscription, nameof(subscription), 200);
        ContractEndsOn = contractEndsOn;
        BillingOwnerUserId = billingOwnerUserId;
    }

    /// <summary>
    /// R24: whether someone may become Partner Admin here through Create user → Start from a template: a partner employee
    /// (switch on) of a partner that services or was invited by this client, on that partner's email domain or assigned
    /// to this client by that partner. The page asks the database for these facts; this is the rule.
    /// </summary>
    public static bool IsEligiblePartnerEmployee(bool partnerEmployeeSwitchOn, bool partnerServicesOrInvited, bool onPartnerDomain, bool assignedHere) =>
        partnerEmployeeSwitchOn && partnerServicesOrInvited && (onPartnerDomain || assignedHere);

    /// <summary>
    /// Users &amp; Teams → Create user in a client account (R24, R28). <paramref name="template"/> is the Partner Admin
    /// template, offered only with <paramref name="eligiblePartnerHubId"/> (the partner the person is an eligible employee
    /// of): they join on a partner seat, then become Partner Admin. Otherwise Super Admin (only someone who may manage
    /// Super Admins) or a User with one of the client's sets and a seat.
    /// </summary>
    public Outcome CreateClientUser(Actor actor, User user, ClientAccess access, long? eligiblePartnerHubId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(access);
        var by = MembershipOf(actor.UserId);
        if (!AccessPolicy.CanAddAndEditUsers(by)) return Outcome.Refused(NeedsAddAndEditUsers);
        if (MembershipOf(user.Id) is { } existing)
            return Outcome.Refused(existing.PartnerHubId is { } other && eligiblePartnerHubId is { } mine && other != mine
                ? ConnectedWithAnotherPartner
                : $"{user.Email} already is a user of {Name}. Change their access on their page instead.");
        if (access.Template)
        {
            if (eligiblePartnerHubId is not { } partner) return Outcome.Refused(NotAnEligiblePartnerEmployee);
            if (WhoMayChangeWhom.WhyNotAdd(actor, by, null, partner, false, Name) is { } refusal) return Outcome.Refused(refusal);
            var membership = Join(user, AccessType.User, now);
            return Change(membership, AuditActions.PartnerAdminCreated, actor, now, () =>
            {
                membership.WorkFor(partner, actor.UserId, $"Created as Partner Admin by {NameOf(actor.UserId)} in Users & Teams", now);
                membership.ApplyPermissionSet(StandardPartnerAdminSet); // a partner seat first, then Partner Admin (R24)
            }, joining: true);
        }
        if (WhyNotCreateClientUser(actor, user, access) is { } cannot) return Outcome.Refused(cannot);
        var member = Join(user, access.SuperAdmin ? AccessType.SuperAdmin : AccessType.User, now);
        return Change(member, AuditActions.UserCreated, actor, now, () => member.SetClientAccess(member.AccessType, SetFor(access), access.Seat), joining: true);
    }

    /// <summary>Issue 22: as <see cref="Account.InvitePartnerUser"/>, for one of the client's own users (never R24's template).</summary>
    public (Outcome Outcome, AccountInvitation? Invitation) InviteClientUser(Actor actor, User user, ClientAccess access, DateTimeOffset now)
    {
        if (WhyNotCreateClientUser(actor, user, access) is { } refusal) return (Outcome.Refused(refusal), null);
        Version++;
        return (Outcome.Done, AccountInvitation.ToClient(HubId, user, actor.UserId, access, now));
    }

    /// <summary>Why <see cref="CreateClientUser"/> would refuse one of the client's own users (also asked before inviting someone who already signs in elsewhere).</summary>
    public string? WhyNotCreateClientUser(Actor actor, User user, ClientAccess access)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(access);
        var by = MembershipOf(actor.UserId);
        if (!AccessPolicy.CanAddAndEditUsers(by)) return NeedsAddAndEditUsers;
        if (MembershipOf(user.Id) is not null) return $"{user.Email} already is a user of {Name}. Change their access on their page instead.";
        return WhyNot(by!, access);
    }

    /// <summary>
    /// A user's page in Users &amp; Teams: Super Admin, or a User with one of the client's sets and a seat. Making or
    /// unmaking a Super Admin takes Add and remove Super Admins, which a Partner Admin never holds (R28); the account keeps
    /// one Super Admin (R14). A Partner Admin is changed with the Partner Admin set or by removing them.
    /// </summary>
    public Outcome SetClientUserAccess(Actor actor, Guid userId, ClientAccess access, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(access);
        var by = MembershipOf(actor.UserId);
        if (!AccessPolicy.CanAddAndEditUsers(by)) return Outcome.Refused(NeedsAddAndEditUsers);
        var target = MembershipOf(userId);
        if (target is null) return Outcome.Refused($"That user is not a user of {Name} (any more).");
        if (access.Template)
        {
            if (target.IsSuperAdmin) return Outcome.Refused("A Super Admin is changed to Partner Admin with Change to Partner Admin.");
            if (target.PartnerHubId is null) return Outcome.Refused(NotAnEligiblePartnerEmployee);
            return ChangePermissionSet(userId, StandardPartnerAdminSet, actor, now);
        }
        var change = access.SuperAdmin || target.IsSuperAdmin ? MemberChange.SuperAdminAccess
            : target.PartnerHubId is null ? MemberChange.ChangeAccess : MemberChange.ChangePermissionSet;
        if (WhoMayChangeWhom.WhyNot(actor, by, target, change, Name) is { } notYours) return Outcome.Refused(notYours);
        if (WhyNot(by!, access) is { } refusal) return Outcome.Refused(refusal);
        if (target.IsSuperAdmin && !access.SuperAdmin && SuperAdminCount <= 1)
            return Outcome.Refused($"{Name} always keeps one Super Admin, and {target.UserName} is the only one. Make someone else Super Admin first.");
        // A partner employee keeps their partner seat (R24); the seat chosen applies to the client's own users.
        var seat = target.PartnerHubId is null ? access.Seat : target.Seat == SeatType.Paid ? SeatType.Paid : SeatType.Partner;
        return Change(target, AuditActions.AccessChanged, actor, now, () => target.SetClientAccess(access.SuperAdmin ? AccessType.SuperAdmin : AccessType.User, SetFor(access), seat));
    }

    private string? WhyNot(Membership by, ClientAccess access)
    {
        if (access.SuperAdmin && !AccessPolicy.CanManageSuperAdmins(by)) return OnlySuperAdminsManageSuperAdmins;
        if (access.SuperAdmin) return null;
        if (access.Seat == SeatType.Partner) return "A partner seat comes with a partner employee's access; choose a Core, View-only or paid seat.";
        if (access.PermissionSetId is { } id && _permissionSets.All(s => s.Id != id || s.IsStandardPartnerAdmin))
            return "Choose one of this account's permission sets.";
        return null;
    }

    private PermissionSet? SetFor(ClientAccess access) =>
        access.SuperAdmin || access.PermissionSetId is not { } id ? null : _permissionSets.Single(s => s.Id == id);

    /// <summary>
    /// R23, R28: the client removes users from its account — its own users or any partner's employees. Takes Add and edit
    /// users; a Super Admin goes only by someone who may manage Super Admins (never a Partner Admin); the account keeps a
    /// Super Admin (R14); nobody removes themselves here. All or none.
    /// </summary>
    public Outcome RemoveClientUsers(Actor actor, IReadOnlyCollection<Guid> userIds, string action, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var by = MembershipOf(actor.UserId);
        if (!AccessPolicy.CanAddAndEditUsers(by)) return Outcome.Refused(NeedsAddAndEditUsers);
        var targets = new List<Membership>();
        var superAdminsLeft = SuperAdminCount;
        foreach (var userId in userIds.Distinct())
        {
            var target = MembershipOf(userId);
            if (target is null) return Outcome.Refused($"That user is not a user of {Name} (any more).");
            if (userId == actor.UserId) return Outcome.Refused("You cannot remove yourself here. Ask another admin of the account.");
            if (WhoMayChangeWhom.WhyNot(actor, by, target, MemberChange.Remove, Name) is { } refusal) return Outcome.Refused(refusal);
            if (target.IsSuperAdmin && --superAdminsLeft < 1)
                return Outcome.Refused($"{target.UserName} is the only Super Admin left in {Name}, and a client account always keeps one.");
            targets.Add(target);
        }
        if (targets.Count == 0) return Outcome.Refused("Choose at least one user.");
        foreach (var target in targets) Leave(target, action);
        Acted(actor, action, now);
        return Outcome.Done;
    }

    /// <summary>
    /// R23: the client revokes a whole partner at once: every employee of that partner leaves (R14 still holds: the only
    /// Super Admin stays, and the refusal says so), and the relationship ends that day (<see cref="PartnerRevoked"/>).
    /// </summary>
    public Outcome RevokePartner(Actor actor, long partnerHubId, DateTimeOffset now)
    {
        if (WhoMayChangeWhom.WhyNotRevokePartner(actor, MembershipOf(actor.UserId), Name) is { } refusal) return Outcome.Refused(refusal);
        var employees = PartnerEmployeesOf(partnerHubId).Select(m => m.UserId).ToList();
        if (employees.Count > 0)
        {
            var removed = RemoveClientUsers(actor, employees, AuditActions.PartnerRevokedByTheClient, now);
            if (!removed.Succeeded) return removed;
        }
        Raise(new PartnerRevoked(HubId, partnerHubId, actor.UserId, now));
        return Outcome.Done;
    }

    /// <summary>
    /// R22: the client invites a partner (by its Hub ID) that does not service it and has no open invitation from it. The
    /// account's <see cref="Version"/> moves, so that two invitations sent at once cannot both commit (one open per partner).
    /// </summary>
    public (Outcome Outcome, ClientInvitation? Invitation, string? Token) InvitePartner(Actor actor, long partnerHubId, string partnerName,
        bool servicing, bool openInvitation, DateTimeOffset now)
    {
        if (!AccessPolicy.CanAddAndEditUsers(MembershipOf(actor.UserId))) return (Outcome.Refused(NeedsAddAndEditUsers), null, null);
        if (partnerHubId == HubId) return (Outcome.Refused("An account cannot invite itself."), null, null);
        if (servicing) return (Outcome.Refused($"{partnerName} already is your partner."), null, null);
        if (openInvitation) return (Outcome.Refused($"{partnerName} already has an open invitation from you. Revoke it to send a new one."), null, null);
        var (invitation, token) = ClientInvitation.Create(HubId, partnerHubId, actor.UserId, now);
        Version++;
        Acted(actor, $"Invited partner {partnerName}", now);
        return (Outcome.Done, invitation, token);
    }

    /// <summary>B2, B3: the day a partner employee's access here ends; null removes it. Not on the last Super Admin.</summary>
    public Outcome SetAccessEnd(Actor actor, Guid userId, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        var by = MembershipOf(actor.UserId);
        if (!AccessPolicy.CanAddAndEditUsers(by)) return Outcome.Refused(NeedsAddAndEditUsers);
        var target = MembershipOf(userId);
        if (target?.PartnerHubId is null) return Outcome.Refused($"That user is not a partner employee in {Name}.");
        if (WhoMayChangeWhom.WhyNot(actor, by, target, MemberChange.SetEndDate, Name) is { } notYours) return Outcome.Refused(notYours);
        if (WhyNotEnd(target, endsAt, now) is { } refusal) return Outcome.Refused(refusal);
        return Change(target, endsAt is null ? AuditActions.EndDateRemoved : AuditActions.EndDateSet, actor, now, () => target.EndAccessOn(endsAt));
    }

    /// <summary>Permission sets: the client's own, created, changed and deleted with Add and edit users. The standard Partner Admin set is fixed.</summary>
    public Outcome CreatePermissionSet(Actor actor, string name, Permission permissions, DateTimeOffset now)
    {
        if (!AccessPolicy.CanAddAndEditUsers(MembershipOf(actor.UserId))) return Outcome.Refused(NeedsAddAndEditUsers);
        if (WhyNotName(name, null) is { } refusal) return Outcome.Refused(refusal);
        var set = DefinePermissionSet(name, permissions);
        Raise(new AccessChanged(HubId, null, AuditActions.PermissionSetCreated, $"Permission set {set.Name}", "None", DescribeSet(set.Permissions)));
        Acted(actor, $"Permission set {set.Name} created", now);
        return Outcome.Done;
    }

    public Outcome EditPermissionSet(Actor actor, int setId, string name, Permission permissions, DateTimeOffset now)
    {
        if (!AccessPolicy.CanAddAndEditUsers(MembershipOf(actor.UserId))) return Outcome.Refused(NeedsAddAndEditUsers);
        var set = _permissionSets.FirstOrDefault(s => s.Id == setId);
        if (set is null) return Outcome.Refused("That permission set does not exist (any more).");
        if (set.IsStandardPartnerAdmin) return Outcome.Refused(StandardSetIsFixed);
        if (WhyNotName(name, set) is { } refusal) return Outcome.Refused(refusal);
        var before = $"{set.Name}: {DescribeSet(set.Permissions)}";
        if (!set.Edit(name, SetPermissions(permissions))) return Outcome.Unchanged;
        Version++; // everyone holding the set holds other rights now
        Raise(new AccessChanged(HubId, null, AuditActions.PermissionSetChanged, $"Permission set {set.Name}", before, $"{set.Name}: {DescribeSet(set.Permissions)}"));
        Acted(actor, $"Permission set {set.Name} changed", now);
        return Outcome.Done;
    }

    public Outcome DeletePermissionSet(Actor actor, int setId, DateTimeOffset now)
    {
        if (!AccessPolicy.CanAddAndEditUsers(MembershipOf(actor.UserId))) return Outcome.Refused(NeedsAddAndEditUsers);
        var set = _permissionSets.FirstOrDefault(s => s.Id == setId);
        if (set is null) return Outcome.Unchanged;
        if (set.IsStandardPartnerAdmin) return Outcome.Refused(StandardSetIsFixed);
        var holders = Memberships.Count(m => m.PermissionSetId == setId && m.AccessType == AccessType.User);
        if (holders > 0)
            return Outcome.Refused($"{holders} {(holders == 1 ? "user holds" : "users hold")} {set.Name}. Give them another set first, then delete it.");
        _permissionSets.Remove(set);
        Version++; // a concurrent change giving someone this set cannot commit
        Raise(new AccessChanged(HubId, null, AuditActions.PermissionSetDeleted, $"Permission set {set.Name}", DescribeSet(set.Permissions), "None"));
        Acted(actor, $"Permission set {set.Name} deleted", now);
        return Outcome.Done;
    }

    private string? WhyNotName(string name, PermissionSet? self)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "Enter a name for the permission set.";
        if (trimmed.Length > 100) return "A permission set's name has at most 100 characters.";
        if (string.Equals(trimmed, PermissionSet.StandardPartnerAdminName, StringComparison.OrdinalIgnoreCase) && self?.IsStandardPartnerAdmin != true)
            return "Partner Admin is the standard set's name; choose another.";
        return _permissionSets.Any(s => s != self && string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ? $"{Name} already has a permission set named {trimmed}." : null;
    }

    /// <summary>What a client's own set may hold: never Super Admin rights, billing or sensitive data (those stay with Super Admins), nor partner permissions.</summary>
    public static Permission SetPermissions(Permission permissions) =>
        permissions & ~(Permissions.NeverForPartnerAdmin | Permission.EditBilling | Permission.ClientAccessManager | Permission.PartnerEmployeeManagement);

    private static string DescribeSet(Permission permissions) =>
        permissions == Permission.None ? "no permissions" : string.Join(", ", Permissions.Describe(permissions));

    /// <summary>R23, R28: the billing owner, changed only with billing rights (a Partner Admin only when billing was kept), to one of the client's own users.</summary>
    public Outcome ChangeBillingOwner(Actor actor, Guid ownerUserId, DateTimeOffset now)
    {
        if (!AccessPolicy.CanEditBilling(MembershipOf(actor.UserId))) return Outcome.Refused(NeedsBillingRights);
        var owner = MembershipOf(ownerUserId);
        if (owner is null || owner.PartnerHubId is not null)
            return Outcome.Refused("The billing owner is one of the client's own users, not a partner employee.");
        if (BillingOwnerUserId == ownerUserId) return Outcome.Unchanged;
        var before = BillingOwnerUserId is { } was ? MembershipOf(was)?.UserEmail ?? "a former user" : "None";
        BillingOwnerUserId = ownerUserId;
        Raise(new AccessChanged(HubId, null, AuditActions.BillingOwnerChanged, "Billing owner", before, owner.UserEmail));
        Acted(actor, AuditActions.BillingOwnerChanged, now);
        return Outcome.Done;
    }

    /// <summary>Security settings → sensitive data: only someone who may manage sensitive data (a Super Admin; never a Partner Admin, R28).</summary>
    public Outcome AllowSensitiveData(Actor actor, bool allowed, DateTimeOffset now)
    {
        if (!AccessPolicy.CanManageSensitiveData(MembershipOf(actor.UserId))) return Outcome.Refused(OnlySuperAdminsManageSensitiveData);
        if (AllowsSensitiveData == allowed) return Outcome.Unchanged;
        AllowsSensitiveData = allowed;
        Raise(new AccessChanged(HubId, null, allowed ? AuditActions.SensitiveDataAllowed : AuditActions.SensitiveDataTurnedOff, "Sensitive data access",
            allowed ? "Off" : "On", allowed ? "On" : "Off"));
        Acted(actor, allowed ? AuditActions.SensitiveDataAllowed : AuditActions.SensitiveDataTurnedOff, now);
        return Outcome.Done;
    }

    public const string NotAnEligiblePartnerEmployee =
        "The Partner Admin template is only for eligible partner employees: a partner employee of a partner that services or was invited by this account, " +
        "on that partner's email domain or added by that partner for this account.";

    public const string OnlySuperAdminsManageSuperAdmins = "Only a Super Admin can add, change or remove a Super Admin. A Partner Admin never can.";

    public const string NeedsBillingRights = "Changing billing takes billing permissions: a Super Admin, or a Partner Admin who kept billing permissions.";

    public const string OnlySuperAdminsManageSensitiveData = "Only a Super Admin can change sensitive data settings. A Partner Admin never can.";

    public const string StandardSetIsFixed = "The standard Partner Admin set cannot be changed or deleted.";
}

/// <summary>The access a client gives a user in Users &amp; Teams: the Partner Admin template, Super Admin, or a set with a seat.</summary>
public sealed record ClientAccess(bool Template, bool SuperAdmin, int? PermissionSetId, SeatType Seat)
{
    public static ClientAccess PartnerAdminTemplate { get; } = new(true, false, null, SeatType.Partner);
}
