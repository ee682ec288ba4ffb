namespace PartnerPortal.Domain;

/// <summary>What a change does to a member of a client account, as SPEC §3 "who may change whom" tells them apart.</summary>
public enum MemberChange
{
    /// <summary>Removes them, or ends their access: removal, revocation, offboarding, a review's removal.</summary>
    Remove,

    /// <summary>B5: a review keeps their access as it is.</summary>
    Keep,

    /// <summary>B2, B3: sets, moves or clears the day their access ends.</summary>
    SetEndDate,

    /// <summary>R9, R24: another permission set of the client (the Partner Admin set included) for a partner employee.</summary>
    ChangePermissionSet,

    /// <summary>A client's own user's permission set or seat, in Users &amp; Teams.</summary>
    ChangeAccess,

    /// <summary>R28: makes someone Super Admin, or changes a Super Admin's access.</summary>
    SuperAdminAccess,

    /// <summary>R13: a Super Admin who is a partner employee becomes Partner Admin.</summary>
    ChangeToPartnerAdmin,
}

/// <summary>
/// SPEC §3, "who may change whom": the one policy every path that changes a member of a client account asks, per target,
/// over the actor's standing in that client (their membership there, the partner they act for and its rights) and the
/// target's standing (a Super Admin, a partner's employee, one of the client's own users). Each answer is null (allowed) or
/// the refusal in the words the page shows. <c>docs/rules.md</c> writes the table out; the matrix test holds every command to it.
/// </summary>
public static class WhoMayChangeWhom
{
    /// <summary>
    /// C's own admins: its Super Admins, and those of its own users (not any partner's employees) who hold Add and edit users.
    /// </summary>
    /// <summary>
    /// O4, break-glass: the platform operator — from the server's command line, not from a page, and audited as theirs — may make
    /// someone Super Admin of an account that has lost its own (nobody else outside the account may).
    /// </summary>
    public static string? WhyNotBreakGlass(Actor actor) =>
        actor.PlatformOperator ? null : "Only the platform operator grants Super Admin from outside an account, with the command line.";

    public static bool IsOwnAdmin(Membership? actorHere) =>
        actorHere is not null && (actorHere.IsSuperAdmin || (actorHere.PartnerHubId is null && actorHere.Has(Permission.AddAndEditUsers)));

    /// <summary>
    /// Whether <paramref name="actor"/> (member <paramref name="actorHere"/> of the client, or null) may make <paramref name="change"/>
    /// to <paramref name="target"/>. <paramref name="targetPartnerHubId"/> is the partner the target is an employee of when that is more
    /// than their membership says (R13: a Super Admin who is a partner employee); by default the partner they work here for.
    /// </summary>
    public static string? WhyNot(Actor actor, Membership? actorHere, Membership target, MemberChange change, string clientName, long? targetPartnerHubId = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var through = actor.Through;
        var actorPartner = through?.PartnerHubId ?? actorHere?.PartnerHubId;
        var name = string.IsNullOrEmpty(target.UserName) ? "They" : target.UserName;

        // A review keeping access lowers nobody: the partner branch below decides it for a Super Admin too.
        if (target.IsSuperAdmin && change != MemberChange.Keep)
        {
            // R13: a Super Admin changes themselves or another; a Partner Admin only a Super Admin who is an employee of their own partner.
            var targetPartner = targetPartnerHubId ?? target.PartnerHubId;
            if (change == MemberChange.ChangeToPartnerAdmin)
                return actorHere?.IsSuperAdmin == true
                    || (actorHere?.AccessType == AccessType.PartnerAdmin && targetPartner is { } tp && actorHere.PartnerHubId == tp && (actorPartner ?? tp) == tp)
                    ? null
                    : $"{name} is a Super Admin of {clientName}. A Partner Admin can change only Super Admins who are employees of their own partner to Partner Admin.";
            // R28: only another Super Admin of the client, and never through a partner's pages.
            if (through is null && actorHere?.IsSuperAdmin == true) return null;
            return through is null
                ? SuperAdminsOnly
                : $"{name} is a Super Admin of {clientName}: only the client's own Super Admins can change or remove a Super Admin, never a partner.";
        }
        if (change == MemberChange.SuperAdminAccess)
            return through is null && actorHere?.IsSuperAdmin == true ? null : SuperAdminsOnly;

        if (target.PartnerHubId is { } theirs)
        {
            if (IsOwnAdmin(actorHere)) return null;
            if (actorPartner is { } mine && mine != theirs)
                return $"{name} works in {clientName} for another partner: only that partner and {clientName}'s own admins can change their access.";
            if (change == MemberChange.Remove && actor.UserId == target.UserId) return null; // the employee themselves
            var allowed = change switch
            {
                // Seeds 000 and 002: the partner's Super Admin or Client access manager, wherever the partner services the client;
                // R20: removing the user from the partner takes their partner access everywhere.
                MemberChange.Remove => through?.PartnerHubId == theirs && (through.ManagesClientAccess || through.RemovingUser),
                MemberChange.Keep or MemberChange.SetEndDate => through?.PartnerHubId == theirs && through.ManagesClientAccess,
                // R9: a Partner Admin of that partner in the client.
                MemberChange.ChangePermissionSet or MemberChange.ChangeAccess =>
                    actorHere?.AccessType == AccessType.PartnerAdmin && actorHere.PartnerHubId == theirs,
                _ => false,
            };
            if (allowed) return null;
            return change is MemberChange.ChangePermissionSet or MemberChange.ChangeAccess
                ? $"Changing {name}'s permission set takes a Partner Admin of their partner in {clientName}, or one of {clientName}'s own admins."
                : through is null
                    ? $"{name} works in {clientName} for a partner: their partner's Super Admins and Client access managers, or {clientName}'s own admins, change their access."
                    : $"You need to be a Super Admin or have Client access manager in your partner account to change {name}'s access in {clientName}.";
        }

        // One of the client's own users: its own admins, and Partner Admins there (their set holds Add and edit users), from the client's pages.
        return through is null && actorHere?.Has(Permission.AddAndEditUsers) == true
            ? null
            : $"{name} is one of {clientName}'s own users: only those with Add and edit users in {clientName} change their access.";
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may make someone partner <paramref name="partnerHubId"/>'s employee in the client — add them
    /// (R6), approve their access link (R2), create them from the Partner Admin template (R24), link them (R8) — with
    /// <paramref name="existing"/> their membership there already, if any, and <paramref name="endsAt"/> an end date (B3).
    /// </summary>
    public static string? WhyNotAdd(Actor actor, Membership? actorHere, Membership? existing, long partnerHubId, bool endsAt, string clientName)
    {
        if (existing?.PartnerHubId is { } other && other != partnerHubId) return ClientAccount.ConnectedWithAnotherPartner; // R21
        // An end date lowers: on a Super Admin, only another Super Admin of the client sets one, never a partner (R28).
        if (endsAt && existing is { IsSuperAdmin: true } && (actor.Through is not null || actorHere?.IsSuperAdmin != true))
            return $"{existing.UserName} is a Super Admin of {clientName}: only the client's own Super Admins can set an end to their access.";
        if (IsOwnAdmin(actorHere)) return null;
        if (actor.Through is { } through)
            // R6: a Partner Admin of that partner in the client who is its Super Admin or Client access manager; R8 links alike.
            return through.PartnerHubId == partnerHubId && through.ManagesClientAccess
                && (actorHere is null || actorHere.PartnerHubId is null || actorHere.PartnerHubId == partnerHubId)
                ? null
                : $"You need to be a Super Admin or have Client access manager in that partner account to add its employees to {clientName}.";
        // The client's pages (R2, R24): someone with Add and edit users who is not another partner's employee.
        if (actorHere?.Has(Permission.AddAndEditUsers) != true) return Account.NeedsAddAndEditUsers;
        return actorHere.PartnerHubId == partnerHubId
            ? null
            : $"You work in {clientName} for another partner: only {clientName}'s own admins and that partner's people can give its employees access.";
    }

    /// <summary>R23: revoking a whole partner is the client's own admins' decision, never any partner's employee's.</summary>
    public static string? WhyNotRevokePartner(Actor actor, Membership? actorHere, string clientName)
    {
        if (actor.Through is not null || actorHere is null || actorHere.PartnerHubId is not null)
            return $"Revoking a partner is {clientName}'s own decision: only its Super Admins and its own users with Add and edit users can do it, never a partner's employee.";
        return actorHere.IsSuperAdmin || actorHere.Has(Permission.AddAndEditUsers) ? null : Account.NeedsAddAndEditUsers;
    }

    private const string SuperAdminsOnly = ClientAccount.OnlySuperAdminsManageSuperAdmins;
}
