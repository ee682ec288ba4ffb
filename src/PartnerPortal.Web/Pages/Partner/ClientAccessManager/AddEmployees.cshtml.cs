namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R6: Add employees to a client account with one of its permission sets, on partner seats.</summary>
public class AddEmployeesModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    /// <summary>The employees picker's search, on the server.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>What was ticked before a search, carried along by it so that the choices stay.</summary>
    [BindProperty(SupportsGet = true, Name = "selected")] public List<Guid> Selected { get; set; } = [];

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        Data = new Command { EmployeeIds = Selected.Distinct().Take(Command.Max).ToList() };
        return await ShowAsync(hubId, clientHubId, ct);
    }

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId }, added =>
        {
            if (added == 0) this.Flash("They already had that access; nothing changed.");
            else this.Flash($"Added {added} {(added == 1 ? "employee" : "employees")} with partner seats.", this.ReceiptOf(hubId));
            return RedirectToPage("ClientDetails", new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, ct), nameof(Data));

    private Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, clientHubId, Search, Data.EmployeeIds.Distinct().Take(Command.Max).ToList()), view => View = view);

    /// <param name="Selected">Employees already ticked: listed first, whatever the search.</param>
    public sealed record Query(long PartnerHubId, long ClientHubId, string? Search = null, IReadOnlyList<Guid>? Selected = null) : IRequest<Result<Model>>, IAccountRequest
    {
        // R6: Client access manager in the partner account, and Partner Admin (or Super Admin) in the client.
        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed record Choice(Guid UserId, string Name, string Email, string? AlreadyThere);

    public sealed record SetChoice(int Id, string Name);

    /// <param name="More">More employees match than the picker shows: search to find them.</param>
    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, IReadOnlyList<Choice> Employees, bool More, string? Search,
        IReadOnlyList<SetChoice> PermissionSets);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var client = scope.Client;
            var search = Picker.Normalize(request.Search);
            var selected = request.Selected ?? [];
            var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == request.PartnerHubId && m.IsPartnerEmployee);
            if (search is not null) employees = employees.Where(Picker.EmployeeMatches(search, selected));
            var rows = await Picker.EmployeesTickedFirstInNameOrder(employees, selected)
                .Take(Picker.Size + selected.Count + 1)
                .Select(m => new
                {
                    m.UserId,
                    Name = m.UserName,
                    Email = m.UserEmail,
                    There = db.Memberships.Where(c => c.AccountHubId == client.HubId && c.UserId == m.UserId)
                        .Select(c => new { c.AccessType, Set = c.PermissionSet!.Name, c.Seat, c.KeepsBilling }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var choices = rows.Take(Picker.Size + selected.Count).Select(r => new Choice(r.UserId, r.Name, r.Email,
                r.There is null ? null : Membership.Describe(r.There.AccessType, r.There.Set, r.There.Seat, r.There.KeepsBilling))).ToList();
            return new Model(CamHeader.For(scope.Account, "Clients"), client.HubId, client.Name, choices, rows.Count > Picker.Size + selected.Count, request.Search,
                await SetChoicesAsync(db, client.HubId, cancellationToken));
        }
    }

    /// <summary>The client's permission sets, the standard Partner Admin set first.</summary>
    public static async Task<IReadOnlyList<SetChoice>> SetChoicesAsync(PortalDb db, long clientHubId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PermissionSets.AsNoTracking().Where(s => s.AccountHubId == clientHubId)
            .OrderByDescending(s => s.IsStandardPartnerAdmin).ThenBy(s => s.Name).Select(s => new SetChoice(s.Id, s.Name)).ToListAsync(ct);
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command : ICommand<Result<int>>, IAccountRequest, IVersionedChange
    {
        /// <summary>B8: the client's version the API caller read (If-Match); never from a form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public long? IfMatch { get; init; }

        long IVersionedChange.VersionedHubId => ClientHubId;

        public const int Max = 200;

        public long PartnerHubId { get; init; }
        public long ClientHubId { get; init; }
        public List<Guid> EmployeeIds { get; init; } = [];
        public int PermissionSetId { get; init; }

        /// <summary>B3: the last day of their access, optional; it ends at the end of that day (UTC).</summary>
        public DateOnly? EndsOn { get; init; }

        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.EmployeeIds).NotEmpty().WithMessage("Select at least one employee.")
                .Must(ids => ids.Count <= Command.Max).WithMessage($"Add at most {Command.Max} employees at a time.");
            RuleFor(c => c.PermissionSetId).GreaterThan(0).WithMessage("Select a permission set.");
            RuleFor(c => c.EndsOn).IsEndDay();
        }
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Command, Result<int>>
    {
        /// <returns>How many employees' access changed.</returns>
        public async Task<Result<int>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadClientAsync(cancellationToken);
            var set = client.PermissionSets.SingleOrDefault(s => s.Id == request.PermissionSetId);
            if (set is null) return Failure.Refused("Select one of this client's permission sets.");

            var ids = request.EmployeeIds.Distinct().ToList();
            var employees = await db.Memberships.Where(m => m.AccountHubId == request.PartnerHubId && m.IsPartnerEmployee && ids.Contains(m.UserId))
                .Select(m => m.User!).ToListAsync(cancellationToken);
            if (employees.Count != ids.Count) return Failure.Refused("Only your partner employees can be added.");

            var refusals = new List<string>();
            var changed = 0;
            foreach (var employee in employees)
            {
                var outcome = client.AddPartnerEmployee(employee, request.PartnerHubId, set, scope.PartnerActor, clock.GetUtcNow(), AccessEnd.EndOf(request.EndsOn));
                if (!outcome.Succeeded) refusals.Add($"{employee.Name} ({employee.Email}): {outcome.Refusal}");
                else if (outcome.Changed) changed++;
            }
            if (refusals.Count > 0) return Failure.Refused($"Nobody was added. {string.Join(" ", refusals)}");
            await db.SaveChangesAsync(cancellationToken);
            return changed;
        }
    }
}
