using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R17, R18: Remove Access from the dashboard — partner employees leave one client: their access there is removed by R10's
/// rules (the Client access manager's rights, R14, and R12 when they were the last) and their assignment with it; one
/// who is only assigned loses the assignment. All or nothing. From the employee panel it takes the typed word REMOVE.
/// </summary>
public static class ClientAccessRemoval
{
    public const string ConfirmWord = "REMOVE";

    /// <param name="Typed">What was typed in the confirmation box (R17); null where the dialog has none (R18's picker).</param>
    public sealed record Command(long PartnerHubId, long ClientHubId, IReadOnlyList<Guid> EmployeeIds, string? Typed = null)
        : ICommand<Result<string>>, IAccountRequest
    {
        // R10: Super Admin or Client access manager in the partner; the rights in the client are the domain's to judge.
        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.EmployeeIds).NotEmpty().WithMessage("Choose whose access you want to remove.")
                .Must(ids => ids.Count <= RemovePartnerEmployees.MaxPairs).WithMessage($"Choose at most {RemovePartnerEmployees.MaxPairs} at a time.");
            RuleFor(c => c.Typed).Must(t => string.Equals(t?.Trim(), ConfirmWord, StringComparison.Ordinal)).When(c => c.Typed is not null)
                .WithMessage($"Type {ConfirmWord} to confirm. Nothing was removed.");
        }
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, RemovePartnerEmployees.Planner planner) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var (hubId, clientHubId) = (request.PartnerHubId, request.ClientHubId);
            var ids = request.EmployeeIds.Distinct().ToList();
            var withAccess = await db.Memberships.Where(m => m.AccountHubId == clientHubId && m.PartnerHubId == hubId && ids.Contains(m.UserId))
                .Select(m => m.UserId).ToListAsync(cancellationToken);
            var assignments = db.Assignments.Where(a => a.PartnerHubId == hubId && a.ClientHubId == clientHubId && ids.Contains(a.EmployeeUserId));
            var assigned = await assignments.Select(a => a.EmployeeUserId).ToListAsync(cancellationToken);
            if (ids.Except(withAccess).Except(assigned).Any())
                return Failure.Refused($"Someone you chose has no access to {scope.Client.Name} for you and is not assigned to it (any more). Look at the list again.");

            var text = "";
            if (withAccess.Count > 0)
            {
                var plan = await planner.PlanAsync(hubId, withAccess.Select(u => new RemovePartnerEmployees.Pair(clientHubId, u)).ToList(), cancellationToken);
                if (!plan.Succeeded) return plan.AsFailure();
                var outcome = plan.Value.Clients[clientHubId].RemovePartnerEmployees(withAccess, hubId, scope.PartnerActor);
                if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
                text = plan.Value.Review.Summary();
            }
            var unassigned = assigned.Count == 0 ? 0 : await assignments.ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // R12 follows from the domain's events (RelationshipKeeper)
            var onlyAssigned = assigned.Except(withAccess).Count();
            if (onlyAssigned > 0)
                text += (text.Length == 0 ? "" : " ") + $"{onlyAssigned} {(onlyAssigned == 1 ? "assignment" : "assignments")} to {scope.Client.Name} removed.";
            else if (unassigned > 0) text += " Their assignment went with it.";
            return text;
        }
    }
}
