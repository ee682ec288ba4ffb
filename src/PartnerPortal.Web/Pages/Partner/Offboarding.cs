using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Partner;

/// <summary>
/// R20 and B4: a partner takes one of its people back from every client at once — Offboard from the employee panel, and Remove
/// user in Users &amp; Teams (which also removes them from the partner account). Their access in each client goes as far as SPEC §3
/// lets the actor remove it (a client's Super Admin stays, and the receipt says why), their assignments go, and R12 starts where
/// no partner employee is left; in one transaction with a constant number of statements.
/// </summary>
public sealed class Offboarding(PortalDb db, AccessScope scope, RemovePartnerEmployees.Planner planner, TimeProvider clock)
{
    /// <summary>What they lose: every client where they work for this partner, and what becomes of each relationship.</summary>
    public async Task<Result<RemovePartnerEmployees.Planner.Plan>> PlanAsync(long partnerHubId, Guid userId, CancellationToken ct, bool alsoFromPartner = false)
    {
        var clients = await db.Memberships.Where(m => m.UserId == userId && m.PartnerHubId == partnerHubId && m.AccountKind == AccountKind.Client)
            .Select(m => m.AccountHubId).ToListAsync(ct);
        return await planner.PlanAsync(partnerHubId, clients.Select(c => new RemovePartnerEmployees.Pair(c, userId)).ToList(), ct, byPartner: true,
            removingUser: alsoFromPartner);
    }

    /// <summary>Offboards <paramref name="userId"/>; with <paramref name="alsoFromPartner"/>, removes them from the partner account too
    /// (R20: Super Admin or Add and edit users, as the domain judges). Returns the message to show.</summary>
    public async Task<Result<string>> RunAsync(long partnerHubId, Guid userId, bool alsoFromPartner, CancellationToken ct)
    {
        var partner = await scope.LoadPartnerAsync(ct);
        var name = partner.MembershipOf(userId)?.UserName;
        if (name is null) return Failure.NotFound;
        if (partner.WhyNotOffboard(scope.Account.Membership.UserId, userId) is { } cannot) return Failure.Refused(cannot);
        if (alsoFromPartner)
        {
            var outcome = partner.RemoveUser(scope.Account.Membership.UserId, userId);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
        }
        var plan = await PlanAsync(partnerHubId, userId, ct, alsoFromPartner);
        if (!plan.Succeeded) return plan.AsFailure();
        var stays = 0;
        var actor = planner.ActorFor(alsoFromPartner);
        var now = clock.GetUtcNow();
        foreach (var client in plan.Value.Clients.Values)
            stays += client.RevokePartnerEmployees([userId], partnerHubId, actor, alsoFromPartner ? AuditActions.PartnerEmployeeRemovedFromPartner : AuditActions.PartnerEmployeeOffboarded, now).Count;
        var unassigned = await db.Assignments.Where(a => a.PartnerHubId == partnerHubId && a.EmployeeUserId == userId).ExecuteDeleteAsync(ct);
        // Their access link stops working with their membership; it goes too.
        if (alsoFromPartner) await db.AccessLinks.Where(l => l.PartnerHubId == partnerHubId && l.EmployeeUserId == userId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct); // R12 follows from the domain's events (RelationshipKeeper)

        var removed = plan.Value.Review.Items.Count - stays;
        var clients = $"{removed} client {(removed == 1 ? "account" : "accounts")}";
        var text = alsoFromPartner
            ? $"{name} was removed from {partner.Name}" + (removed == 0 ? "." : $" and from {clients}.")
            : $"{name} was offboarded: removed from {clients}.";
        if (unassigned > 0) text += $" {unassigned} {(unassigned == 1 ? "assignment" : "assignments")} removed.";
        if (stays > 0)
            text += $" They stay in {stays} client {(stays == 1 ? "account" : "accounts")}, where only the client can remove them: the receipt says why, and " +
                (stays == 1 ? "its Super Admins were told." : "their Super Admins were told.") + (alsoFromPartner ? " There they are now the client's own user." : "");
        return text;
    }
}
