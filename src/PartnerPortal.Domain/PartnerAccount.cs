using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// A partner agency's account: its users and partner employees (R15, R20), its partner employee email domains (R7), its channel
/// consultant (R27) and its policy for stale access (B5).
/// </summary>
public sealed class PartnerAccount : Account
{
    private PartnerAccount() { }

    internal PartnerAccount(long hubId, string name) : base(hubId, name, AccountKind.Partner) { }

    private protected override long? OwnPartnerHubId => HubId;

    private readonly List<PartnerEmailDomain> _emailDomains = [];

    public IReadOnlyList<PartnerEmailDomain> EmailDomains => _emailDomains;

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

    public const string OnlySuperAdminsMakeSuperAdmins = "Only a Super Admin can make someone a Super Admin or change a Super Admin's access.";

    /// <summary>R15: the Partner employee switch on a user's Partner program tab.</summary>
    public void TagPartnerEmployee(Guid userId, bool isPartnerEmployee)
    {
        var member = RequireMember(userId);
        Change(member, isPartnerEmployee ? AuditActions.PartnerEmployeeSwitchOn : AuditActions.PartnerEmployeeSwitchOff, null, default,
            () => member.MarkPartnerEmployee(isPartnerEmployee));
    }

    /// <summary>Only a Super Admin changes the partner employee email domains.</summary>
    public Outcome AddEmailDomain(Guid actorUserId, string domain)
    {
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
        if (!AccessPolicy.CanChangeEmailDomains(MembershipOf(actorUserId))) return Outcome.Refused(OnlySuperAdminsChangeDomains);
        var existing = _emailDomains.FirstOrDefault(d => d.Domain == PartnerEmailDomain.Normalize(domain));
        if (existing is null) return Outcome.Unchanged;
        _emailDomains.Remove(existing);
        Raise(new AccessChanged(HubId, HubId, AuditActions.PartnerEmployeeEmailDomainRemoved, $"Email domain {existing.Domain}", "Partner employee email domain", "None"));
        return Outcome.Done;
    }

    public const string OnlySuperAdminsChangeDomains = "Only a Super Admin can change the partner employee email domains.";

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
        var target = MembershipOf(userId);
        if (target is null) return $"That user is not a user of {Name} (any more).";
        return target.IsSuperAdmin && MembershipOf(actorUserId)?.IsSuperAdmin != true
            ? $"{target.UserName} is a Super Admin of {Name}: only another Super Admin of {Name} can offboard or remove them."
            : null;
    }

    /// <summary>R27: assigns (or, with null, clears) the partner's channel consultant, who must be a Partner Access reviewer.</summary>
    public Outcome AssignChannelConsultant(User? consultant)
    {
        if (consultant is { IsPartnerAccessReviewer: false }) return Outcome.Refused($"{consultant.Email} is not a Partner Access reviewer.");
        if (ChannelConsultantUserId == consultant?.Id) return Outcome.Unchanged;
        ChannelConsultantUserId = consultant?.Id;
        return Outcome.Done;
    }

    /// <summary>B5: the partner's review policy: 7 to 730 days; whether a review starts each quarter.</summary>
    public Outcome SetReviewPolicy(int staleAfterDays, bool quarterly)
    {
        if (staleAfterDays is < 7 or > 730) return Outcome.Refused("Choose between 7 and 730 days.");
        if (StaleAfterDays == staleAfterDays && QuarterlyReview == quarterly) return Outcome.Unchanged;
        StaleAfterDays = staleAfterDays;
        QuarterlyReview = quarterly;
        Version++;
        return Outcome.Done;
    }
}
