namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// Partner Employees tab → an employee (R16, R17, B4): the right panel with their clients — assigned, with access (and
/// the access type), or both — + Assign clients, Remove Access on each client, and Offboard.
/// </summary>
public class EmployeeModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, Guid employeeId) =>
        this.ShowListAsync(mediator, new Query(hubId, employeeId, PageNumber), new Query(hubId, employeeId), view => View = view);

    public sealed record Query(long HubId, Guid EmployeeId, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.PartnerEmployeeManagement);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    public sealed record Model(DashboardHeader Header, Guid EmployeeId, string Name, string Email, bool OnPartnerDomain,
        IReadOnlyList<PartnerEmployeesOfClient.Row> Clients, Paging Paging);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.HubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var (name, email) = (employee.Value.Name, employee.Value.Email);
            var clientIds = PartnerEmployeesOfClient.OfEmployee(db, request.HubId, request.EmployeeId);
            var clients = db.Accounts.AsNoTracking().Where(a => clientIds.Contains(a.HubId));
            var paging = await Paging.CountAsync(clients, request.Page, Query.PageSize, cancellationToken);
            var page = await clients.OrderBy(a => a.Name).ThenBy(a => a.HubId).Skip(paging.Skip).Take(Query.PageSize)
                .Select(a => new { a.HubId, a.Name }).ToListAsync(cancellationToken);
            var rows = page.Count == 0 ? [] : await PartnerEmployeesOfClient.RowsAsync(db, request.HubId, page.Select(c => c.HubId).ToList(), [request.EmployeeId],
                new Dictionary<Guid, (string, string)> { [request.EmployeeId] = (name, email) }, page.ToDictionary(c => c.HubId, c => c.Name), cancellationToken);
            var domains = await db.EmailDomainsOfAsync(request.HubId, cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees), request.EmployeeId, name, email,
                PartnerEmailDomain.Covers(domains, email), rows, paging);
        }
    }
}
