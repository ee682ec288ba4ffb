using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// A client's account and the partners working in it: access links (R2–R4), partner employees added, linked, changed and removed
/// (R6, R8–R11, R13, R14, R21), Partner Access granted (R27). The client's own side is in ClientAccount.OwnSide.cs, time-bound
/// access in ClientAccount.TimeBound.cs, reviews in ClientAccount.Reviews.cs.
/// </summary>
public sealed partial class ClientAccount : Account
{
    private ClientAccount() { }

    internal ClientAccount(long hubId, string name) : base(hubId, name, AccountKind.Client) =>
        _permissionSets.Add(new PermissionSet(hubId, PermissionSet.StandardPartnerAdminName, Permissions.StandardPartnerAdmin, isStandardPartnerAdmin: true));

    private readonly List<PermissionSet> _permissionSets = [];

    public IReadOnlyList<PermissionSet> PermissionSets => _permissionSets;

    public PermissionSet StandardPartnerAdminSet => _permissionSets.Single(s => s.IsStandardPartnerAdmin);

    public PermissionSet DefinePermissionSet(string name, Permission permissions)
    {
        if (_permissionSets.Any(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"{Name} already has a permission set named {name}.");
        var set = new PermissionSet(HubId, name, SetPermissions(permissions), isStandardPartnerAdmin: false);
        _permissionSets.Add(set);
        return set;
    }

    /// <summary>
    /// R13 and R14: migrate a Super Admin who is a partner employee to Partner Admin.
    /// <paramref name="partnerHubId"/> is the actor's partner when the target is one of its employees, else null.
    /// </summary>
    public Outcome ChangeToPartnerAdmin(Actor actor, Guid targetUserId, bool keepBillingPermissions, long? partnerHubId, DateTimeOffset now)
    {
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
        var membership = MembershipOf(employee.Id);
        if (WhyNotAddPartnerEmployee(approver, membership, partnerHubId, endsAt, now) is { } refusal) return Outcome.Refused(refusal);
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

    /// <summary>Who may bring a partner's employee in (SPEC §3), and whether the end date asked for can be set: the refusal, or null.</summary>
    private string? WhyNotAddPartnerEmployee(Actor by, Membership? membership, long partnerHubId, DateTimeOffset? endsAt, DateTimeOffset now) =>
        WhoMayChangeWhom.WhyNotAdd(by, MembershipOf(by.UserId), membership, partnerHubId, endsAt is not null, Name) ?? WhyNotEnd(membership, endsAt, now);

    /// <summary>R6, R21: a partner employee joins with a partner seat and the chosen permission set.</summary>
    public Outcome AddPartnerEmployee(User employee, long partnerHubId, PermissionSet permissionSet, Actor by, DateTimeOffset now, DateTimeOffset? endsAt = null)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(permissionSet);
        RequireOwnSet(permissionSet);
        var membership = MembershipOf(employee.Id);
        if (WhyNotAddPartnerEmployee(by, membership, partnerHubId, endsAt, now) is { } refusal) return Outcome.Refused(refusal);
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
        var membership = MembershipOf(userId);
        if (membership is null) return Outcome.Refused($"They are not a user of {Name}, so there is nothing to link.");
        if (WhoMayChangeWhom.WhyNotAdd(by, MembershipOf(by.UserId), membership, partnerHubId, false, Name) is { } refusal) return Outcome.Refused(refusal);
        return Change(membership, AuditActions.PartnerEmployeeLinked, by, now, () => membership.LinkForManagedCredit(partnerHubId));
    }

    /// <summary>R9, R24: another permission set of this account; the Partner Admin set only for partner employees with a partner seat.</summary>
    public Outcome ChangePermissionSet(Guid userId, PermissionSet permissionSet, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
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

    private Dictionary<Guid, string> Revocation(IReadOnlyCollection<Guid> userIds, long partnerHubId, Actor by, string? action, DateTimeOffset now, string? note)
    {
        ArgumentNullException.ThrowIfNull(userIds);
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

    private void RequireOwnSet(PermissionSet permissionSet)
    {
        if (permissionSet.AccountHubId != HubId) throw new InvalidOperationException("That permission set belongs to another account.");
    }

    /// <summary>
    /// R27: a reviewer approves <paramref name="request"/> for this client. The conditions are read again now (the user may have
    /// lost their admin access, the client its paid seats, since the request); when one no longer holds nothing changes and the
    /// reviewer is told which. Otherwise the user gets Partner Access here — paid-seat functionality on no paid seat — recorded
    /// in the audit trail like any change of access.
    /// </summary>
    public Outcome GrantPartnerAccess(PartnerAccessRequest request, bool isUserOfPartner, Guid reviewerUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientHubId != HubId) throw new ArgumentException("The request is for another client.", nameof(request));
        var facts = PartnerAccessFacts.Of(this, IsAdminHere(request.ForUserId), isUserOfPartner);
        var approved = request.Approve(reviewerUserId, facts, now);
        if (!approved.Succeeded) return approved;
        var member = MembershipOf(request.ForUserId)!;
        Change(member, AuditActions.PartnerAccessGranted, actor: null, now, () => member.GrantPartnerAccess(now));
        return Outcome.Done;
    }

    /// <summary>
    /// R27: who is told of a request in this client: the billing owner, whom the client chose among its Super Admins, else
    /// its first Super Admin.
    /// </summary>
    public static Guid? PrimaryAdmin(Guid? billingOwnerUserId, IEnumerable<(Guid UserId, DateTimeOffset Since)> superAdmins)
    {
        var admins = superAdmins.ToList();
        if (billingOwnerUserId is { } owner && admins.Any(a => a.UserId == owner)) return owner;
        return admins.Count == 0 ? null : admins.OrderBy(a => a.Since).ThenBy(a => a.UserId).First().UserId;
    }
}
