namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R16: the employee panel's + Assign clients dialog — Choose clients or enter HubID, Confirm — and the confirmation that
/// assigning grants no access, with the employee's access link to send.
/// </summary>
public class AssignClientsModel(IMediator mediator) : PageModel
{
    /// <summary>The clients ticked in the dropdown.</summary>
    [BindProperty(Name = "clients")] public List<long> Clients { get; set; } = [];

    /// <summary>Hub IDs typed in the same field.</summary>
    [BindProperty(Name = "hubIds")] public string? HubIds { get; set; }

    /// <summary>The dropdown's search on the server: a name or a Hub ID.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "selected")] public List<long> Selected { get; set; } = [];

    public Model? View { get; private set; }

    public Assign.Outcome? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        Clients = Selected.Distinct().Take(Assign.MaxClients).ToList();
        return await ShowAsync(hubId, employeeId, ct);
    }

    public async Task<IActionResult> OnPostAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        if (!Assign.TryParseHubIds(HubIds, out var typed))
        {
            ModelState.AddModelError("hubIds", Assign.HubIdsMessage);
            return await ShowAsync(hubId, employeeId, ct);
        }
        var result = await mediator.Send(new Assign.Command(hubId, [employeeId], Clients.Concat(typed).Distinct().ToList()), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await ShowAsync(hubId, employeeId, ct);
        Done = result.Value;
        Clients = [];
        HubIds = null;
        return await ShowAsync(hubId, employeeId, ct);
    }

    private Task<IActionResult> ShowAsync(long hubId, Guid employeeId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, employeeId, Search, Clients.Distinct().Take(Assign.MaxClients).ToList()), view => View = view);

    /// <param name="Selected">Clients already ticked: listed first, whatever the search.</param>
    public sealed record Query(long HubId, Guid EmployeeId, string? Search = null, IReadOnlyList<long>? Selected = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.PartnerEmployeeManagement);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Search).IsSearch("a name or Hub ID");
    }

    public sealed record Choice(long HubId, string Name);

    /// <param name="More">More clients match than the dropdown shows: search to find them.</param>
    public sealed record Model(DashboardHeader Header, Guid EmployeeId, string EmployeeName, IReadOnlyList<Choice> Choices, bool More, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.HubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var hubId = request.HubId;
            var selected = request.Selected ?? [];
            // The clients this partner services that the employee is not yet assigned to, in name order; a search (name or Hub ID) on the server.
            var clients = db.Accounts.AsNoTracking().Where(a => a.Kind == AccountKind.Client
                && db.CurrentRelationships.Any(r => r.PartnerHubId == hubId && r.ClientHubId == a.HubId)
                && (selected.Contains(a.HubId) || !db.Assignments.Any(s => s.PartnerHubId == hubId && s.EmployeeUserId == request.EmployeeId && s.ClientHubId == a.HubId)));
            var search = Picker.Search(request.Search, db);
            if (search is not null) clients = clients.Where(Picker.Matches(search, selected));
            var ordered = selected.Count == 0 ? clients.OrderBy(a => a.Name) : clients.OrderBy(a => selected.Contains(a.HubId) ? 0 : 1).ThenBy(a => a.Name);
            var size = Picker.Size + selected.Count;
            var choices = await ordered.ThenBy(a => a.HubId).Take(size + 1).Select(a => new Choice(a.HubId, a.Name)).ToListAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees), request.EmployeeId, employee.Value.Name,
                choices.Take(size).ToList(), choices.Count > size, request.Search);
        }
    }
}
