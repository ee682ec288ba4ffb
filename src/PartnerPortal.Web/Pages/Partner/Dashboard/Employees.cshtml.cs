namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// Dashboard, Partner Employees tab (R16, R19): every partner employee with how many clients they are assigned to and
/// have access to, searched and paged. Only Super Admins and Partner employee management see it; others get 403.
/// </summary>
public class EmployeesModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Search, PageNumber), new Query(hubId), view => View = view);

    public sealed record Query(long HubId, string? Search = null, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = Paging.DefaultSize;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.PartnerEmployeeManagement);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Search).IsSearch("a name or email");
            RuleFor(q => q.Page).IsPageNumber();
        }
    }

    public sealed record Row(Guid UserId, string Name, string Email, bool OnPartnerDomain, int WithAccess, int Assigned);

    public sealed record Model(DashboardHeader Header, IReadOnlyList<Row> Employees, Paging Paging, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var search = Picker.Normalize(request.Search);
            var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee);
            if (search is not null) employees = employees.Where(Picker.EmployeeMatches(search, []));
            var paging = await Paging.CountAsync(employees, request.Page, Query.PageSize, cancellationToken);
            var domains = await db.EmailDomainsOfAsync(hubId, cancellationToken);
            var page = await Picker.EmployeesTickedFirstInNameOrder(employees, []).Skip(paging.Skip).Take(Query.PageSize)
                .Select(m => new
                {
                    m.UserId,
                    m.UserName,
                    m.UserEmail,
                    WithAccess = db.Memberships.Count(c => c.UserId == m.UserId && c.PartnerHubId == hubId),
                    Assigned = db.Assignments.Count(a => a.PartnerHubId == hubId && a.EmployeeUserId == m.UserId),
                })
                .ToListAsync(cancellationToken);
            var rows = page.Select(e => new Row(e.UserId, e.UserName, e.UserEmail, PartnerEmailDomain.Covers(domains, e.UserEmail), e.WithAccess, e.Assigned)).ToList();
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees), rows, paging, request.Search);
        }
    }
}
