using System.Globalization;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R16, R18: assigning partner employees to clients — + Assign clients (one employee, several clients) and + Add partner
/// employee (one client, several employees). An assignment is the partner's own bookkeeping: it grants no access, and the
/// answer says so and what to do next (the employee's access link). R21: where the email already works there for another
/// partner, the answer says that too, with the three ways out.
/// </summary>
public static class Assign
{
    public const int MaxClients = 1000;
    public const int MaxEmployees = 100;

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command(long PartnerHubId, IReadOnlyList<Guid> EmployeeIds, IReadOnlyList<long> ClientHubIds)
        : ICommand<Result<Outcome>>, IAccountRequest
    {
        // R16, R19: the partner employee list is for Super Admins and Partner employee management.
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.PartnerEmployeeManagement);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.ClientHubIds).NotEmpty().WithMessage("Choose at least one client, or enter its Hub ID.")
                .Must(ids => ids.Count <= MaxClients).WithMessage($"Assign at most {MaxClients} clients at a time.");
            RuleFor(c => c.EmployeeIds).NotEmpty().WithMessage("Choose at least one partner employee.")
                .Must(ids => ids.Count <= MaxEmployees).WithMessage($"Assign at most {MaxEmployees} partner employees at a time.");
        }
    }

    /// <param name="Added">New assignments (those already there are not counted twice).</param>
    /// <param name="WithoutAccess">Employees (by name) without access yet in at least one of these clients: they need the client's grant.</param>
    /// <param name="ConnectedElsewhere">R21: "employee in client" pairs where their email works for another partner.</param>
    public sealed record Outcome(int Added, IReadOnlyList<string> Employees, IReadOnlyList<string> Clients, IReadOnlyList<(Guid Id, string Name)> WithoutAccess,
        IReadOnlyList<string> ConnectedElsewhere)
    {
        public string Summary
        {
            get
            {
                var who = Employees.Count == 1 ? Employees[0] : $"{Employees.Count} partner employees";
                var where = Clients.Count == 1 ? Clients[0] : $"{Clients.Count} clients";
                return Added == 0 ? $"{who} {(Employees.Count == 1 ? "was" : "were")} already assigned to {where}." : $"{who} {(Employees.Count == 1 ? "is" : "are")} now assigned to {where}.";
            }
        }
    }

    /// <summary>The Hub IDs typed in "Choose clients or enter HubID": numbers separated by commas, spaces or new lines.</summary>
    public static bool TryParseHubIds(string? typed, out List<long> hubIds)
    {
        hubIds = [];
        if (string.IsNullOrWhiteSpace(typed)) return true;
        foreach (var part in typed.Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0) return false;
            hubIds.Add(id);
        }
        return hubIds.Count <= MaxClients;
    }

    public const string HubIdsMessage = "Enter Hub IDs as numbers separated by commas or spaces (at most 500).";

    public sealed class CommandHandler(PortalDb db, TimeProvider clock, ICurrentUser me) : MediatR.IRequestHandler<Command, Result<Outcome>>
    {
        public async Task<Result<Outcome>> Handle(Command request, CancellationToken cancellationToken)
        {
            var hubId = request.PartnerHubId;
            var employeeIds = request.EmployeeIds.Distinct().ToList();
            var clientIds = request.ClientHubIds.Distinct().ToList();
            var employees = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee && employeeIds.Contains(m.UserId))
                .OrderBy(m => m.UserName).Select(m => new { m.UserId, m.UserName }).ToListAsync(cancellationToken);
            if (employees.Count != employeeIds.Count) return Failure.Refused("Someone you chose is not one of your partner employees (any more). Look at the list again.");
            var clients = await db.CurrentRelationships.AsNoTracking().Where(r => r.PartnerHubId == hubId && clientIds.Contains(r.ClientHubId))
                .Join(db.Accounts, r => r.ClientHubId, a => a.HubId, (r, a) => new { a.HubId, a.Name, a.Kind })
                .Where(a => a.Kind == AccountKind.Client).OrderBy(a => a.Name).ToListAsync(cancellationToken);
            var unknown = clientIds.Except(clients.Select(c => c.HubId)).ToList();
            if (unknown.Count > 0)
                return Failure.Refused($"Hub ID {string.Join(", ", unknown.Take(5).Select(id => id.ToString(CultureInfo.InvariantCulture)))}{(unknown.Count > 5 ? " and others" : "")} " +
                    $"{(unknown.Count == 1 ? "is not a client" : "are not clients")} you service. Choose from your clients.");

            var existing = await db.Assignments.Where(a => a.PartnerHubId == hubId && employeeIds.Contains(a.EmployeeUserId) && clientIds.Contains(a.ClientHubId))
                .Select(a => new { a.EmployeeUserId, a.ClientHubId }).ToListAsync(cancellationToken);
            var had = existing.Select(a => (a.EmployeeUserId, a.ClientHubId)).ToHashSet();
            var now = clock.GetUtcNow();
            var added = 0;
            foreach (var employee in employeeIds)
                foreach (var client in clientIds.Where(c => !had.Contains((employee, c))))
                {
                    db.Assignments.Add(new Assignment(hubId, employee, client, me.UserId, now));
                    added++;
                }
            // What they hold there now: access for this partner, or (R21) for another partner.
            var there = await db.Memberships.AsNoTracking().Where(m => employeeIds.Contains(m.UserId) && clientIds.Contains(m.AccountHubId))
                .Select(m => new { m.UserId, m.AccountHubId, m.PartnerHubId }).ToListAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            var nameOf = employees.ToDictionary(e => e.UserId, e => e.UserName);
            var clientName = clients.ToDictionary(c => c.HubId, c => c.Name);
            var withAccess = there.Where(m => m.PartnerHubId == hubId).Select(m => (m.UserId, m.AccountHubId)).ToHashSet();
            var withoutAccess = employees.Where(e => clientIds.Any(c => !withAccess.Contains((e.UserId, c)))).Select(e => (e.UserId, e.UserName)).ToList();
            var elsewhere = there.Where(m => m.PartnerHubId is { } other && other != hubId)
                .Select(m => $"{nameOf[m.UserId]} in {clientName[m.AccountHubId]}").Order(StringComparer.Ordinal).ToList();
            return new Outcome(added, employees.Select(e => e.UserName).ToList(), clients.Select(c => c.Name).ToList(), withoutAccess, elsewhere);
        }
    }
}
