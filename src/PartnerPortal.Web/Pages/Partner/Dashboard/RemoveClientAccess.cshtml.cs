using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R18: a client's Partner employees section → Remove access → "Whose access do you want to remove?" (several partner
/// employees with access or assigned) → Remove access.
/// </summary>
public class RemoveClientAccessModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "employees")] public List<Guid> Employees { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "selected")] public List<Guid> Selected { get; set; } = [];

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        Employees = Selected.Distinct().Take(RemovePartnerEmployees.MaxPairs).ToList();
        return ShowAsync(hubId, clientHubId, ct);
    }

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new ClientAccessRemoval.Command(hubId, clientHubId, Employees.Distinct().ToList()), message =>
        {
            this.Flash(message, this.ReceiptOf(hubId));
            return RedirectToPage("Client", new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, clientHubId, Search, Employees.Distinct().Take(RemovePartnerEmployees.MaxPairs).ToList()), view => View = view);

    public sealed record Query(long HubId, long ClientHubId, string? Search = null, IReadOnlyList<Guid>? Selected = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InClientOf(HubId, ClientHubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Search).IsSearch("a name or email");
    }

    public sealed record Model(DashboardHeader Header, long ClientHubId, string ClientName, IReadOnlyList<PartnerEmployeesOfClient.Row> Choices, bool More, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (hubId, clientHubId) = (request.HubId, request.ClientHubId);
            var selected = request.Selected ?? [];
            var working = PartnerEmployeesOfClient.OnClient(db, hubId, clientHubId);
            var people = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && working.Contains(m.UserId));
            if (Picker.Normalize(request.Search) is { } search) people = people.Where(Picker.EmployeeMatches(search, selected));
            var page = await Picker.EmployeesTickedFirstInNameOrder(people, selected).Take(Picker.Size + selected.Count + 1)
                .Select(m => new { m.UserId, m.UserName, m.UserEmail }).ToListAsync(cancellationToken);
            var shown = page.Take(Picker.Size + selected.Count).ToList();
            var rows = shown.Count == 0 ? [] : await PartnerEmployeesOfClient.RowsAsync(db, hubId, [clientHubId], shown.Select(p => p.UserId).ToList(),
                shown.ToDictionary(p => p.UserId, p => (p.UserName, p.UserEmail)), new Dictionary<long, string> { [clientHubId] = scope.Client.Name }, cancellationToken);
            var order = shown.Select((p, i) => (p.UserId, i)).ToDictionary(x => x.UserId, x => x.i);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Overview), clientHubId, scope.Client.Name,
                rows.OrderBy(r => order[r.UserId]).ToList(), page.Count > shown.Count, request.Search);
        }
    }
}
