namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R18: a client's Partner employees section → + Add partner employee → the dropdown of partner employees → Confirm. It
/// records the assignment; the client must still grant access, and the answer says so (R16) with the access link.
/// </summary>
public class AddPartnerEmployeeModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "employee")] public Guid? Employee { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public Model? View { get; private set; }

    public Assign.Outcome? Done { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => ShowAsync(hubId, clientHubId, ct);

    public async Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Assign.Command(hubId, Employee is { } id ? [id] : [], [clientHubId]), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await ShowAsync(hubId, clientHubId, ct);
        Done = result.Value;
        Employee = null;
        return await ShowAsync(hubId, clientHubId, ct);
    }

    private Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, clientHubId, Search, Employee), view => View = view);

    /// <param name="Chosen">The employee chosen before a refusal: kept in the list.</param>
    public sealed record Query(long HubId, long ClientHubId, string? Search = null, Guid? Chosen = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InClientOf(HubId, ClientHubId, Right.PartnerEmployeeManagement);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Search).IsSearch("a name or email");
    }

    public sealed record Choice(Guid UserId, string Name, string Email);

    public sealed record Model(DashboardHeader Header, long ClientHubId, string ClientName, IReadOnlyList<Choice> Choices, bool More, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (hubId, clientHubId) = (request.HubId, request.ClientHubId);
            var chosen = request.Chosen is { } c ? new[] { c } : [];
            // The partner employees not yet assigned to this client, in name order; a search by name or email on the server.
            var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee
                && !db.Assignments.Any(a => a.PartnerHubId == hubId && a.ClientHubId == clientHubId && a.EmployeeUserId == m.UserId));
            if (Picker.Normalize(request.Search) is { } search) employees = employees.Where(Picker.EmployeeMatches(search, chosen));
            var choices = await Picker.EmployeesTickedFirstInNameOrder(employees, chosen).Take(Picker.Size + 1)
                .Select(m => new Choice(m.UserId, m.UserName, m.UserEmail)).ToListAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Overview), clientHubId, scope.Client.Name,
                choices.Take(Picker.Size).ToList(), choices.Count > Picker.Size, request.Search);
        }
    }
}
