namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>
/// Client Access Manager, Employees tab (R7): the partner employees, with the checkmark for partner domain emails,
/// searched by name or email and shown a page at a time.
/// </summary>
public class EmployeesModel(IMediator mediator) : ListPageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Search, PageNumber, PageSize), new Query(hubId), view => View = view);

    /// <param name="PageSize">Rows a page, as on the Clients tab (<see cref="Paging.Sizes"/>).</param>
    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long PartnerHubId, string? Search = null, int Page = 1, int PageSize = Paging.DefaultSize) : IRequest<Result<Model>>, IAccountRequest, IListQuery
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator() : ListQueryValidator<Query>("a name or email", "employees");

    public sealed record Row(Guid UserId, string Name, string Email, bool OnPartnerDomain, int Clients);

    public sealed record Model(CamHeader Header, IReadOnlyList<Row> Employees, Paging Paging, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.PartnerHubId;
            var search = Picker.Normalize(request.Search);
            var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee);
            if (search is not null) employees = employees.Where(Picker.EmployeeMatches(search, []));
            var paging = await Paging.CountAsync(employees, request.Page, request.PageSize, cancellationToken);
            var domains = await db.EmailDomainsOfAsync(hubId, cancellationToken);
            // One walk of the memberships' (partner, employee, user name) index, cut at the page: each employee's client count
            // is worked out for the rows of the page only (no sort comes before the cut). No subquery of the page's keys: a
            // plan PostgreSQL reuses ran such a subquery again for every employee of the partner.
            var page = await Picker.EmployeesTickedFirstInNameOrder(employees, []).Skip(paging.Skip).Take(request.PageSize)
                .Select(m => new
                {
                    m.UserId,
                    Name = m.UserName,
                    Email = m.UserEmail,
                    Clients = db.Memberships.Count(c => c.UserId == m.UserId && c.PartnerHubId == hubId),
                })
                .ToListAsync(cancellationToken);
            // R7: the checkmark for an email on one of the partner's domains.
            var rows = page.Select(e => new Row(e.UserId, e.Name, e.Email, PartnerEmailDomain.Covers(domains, e.Email), e.Clients)).ToList();
            return new Model(CamHeader.For(scope.Account, "Employees"), rows, paging, request.Search);
        }
    }
}
