using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// R17: hover a client in the employee panel → Remove Access → the dialog says what goes and what follows for the
/// relationship; type REMOVE → Remove Access. Anything but REMOVE changes nothing.
/// </summary>
public class RemoveAccessModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "confirm")] public string? Typed { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, long clientHubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId, clientHubId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long hubId, Guid employeeId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new ClientAccessRemoval.Command(hubId, clientHubId, [employeeId], Typed ?? ""), message =>
        {
            this.Flash(message, this.ReceiptOf(hubId));
            return RedirectToPage("Employee", new { hubId, employeeId });
        }, () => OnGetAsync(hubId, employeeId, clientHubId, ct));

    public sealed record Query(long HubId, Guid EmployeeId, long ClientHubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InClientOf(HubId, ClientHubId, Right.ClientAccessManager);
    }

    /// <param name="Consequence">What becomes of the relationship (R12), when they have access there.</param>
    /// <param name="Blocker">Why their access cannot be removed (R10, R14), or null.</param>
    public sealed record Model(DashboardHeader Header, PartnerEmployeesOfClient.Row Row, string? Consequence, string? Blocker);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, RemovePartnerEmployees.Planner planner) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var person = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == request.HubId && m.UserId == request.EmployeeId)
                .Select(m => new { m.UserName, m.UserEmail }).SingleOrDefaultAsync(cancellationToken);
            if (person is null) return Failure.NotFound;
            var rows = await PartnerEmployeesOfClient.RowsAsync(db, request.HubId, [request.ClientHubId], [request.EmployeeId],
                new Dictionary<Guid, (string, string)> { [request.EmployeeId] = (person.UserName, person.UserEmail) },
                new Dictionary<long, string> { [request.ClientHubId] = scope.Client.Name }, cancellationToken);
            if (rows.Count == 0) return Failure.NotFound;
            string? consequence = null, blocker = null;
            if (rows[0].Access is not null)
            {
                var plan = await planner.PlanAsync(request.HubId, [new RemovePartnerEmployees.Pair(request.ClientHubId, request.EmployeeId)], cancellationToken);
                if (!plan.Succeeded) return plan.AsFailure();
                consequence = plan.Value.Review.Clients[0].Consequence;
                blocker = plan.Value.Review.Items[0].Blocker;
            }
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees), rows[0], consequence, blocker);
        }
    }
}
