namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// Dashboard → Client list → a client (R18): the relationship, and the Partner employees section — those with access and
/// those assigned — with + Add partner employee and Remove access. Only Super Admins and Partner employee management see
/// the section (R19).
/// </summary>
public class ClientModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, long clientHubId) =>
        this.ShowListAsync(mediator, new Query(hubId, clientHubId, PageNumber), new Query(hubId, clientHubId), view => View = view);

    public sealed record Query(long HubId, long ClientHubId, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.ViewingClientOf(HubId, ClientHubId, Right.Member);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    /// <param name="Employees">Null when you may not see the partner employee list (R19).</param>
    public sealed record Model(DashboardHeader Header, long ClientHubId, string ClientName, string Relationship, decimal Mrr,
        IReadOnlyList<PartnerEmployeesOfClient.Row>? Employees, Paging Paging);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (hubId, clientHubId) = (request.HubId, request.ClientHubId);
            var facts = await db.Relationships.AsNoTracking().Where(r => r.PartnerHubId == hubId && r.ClientHubId == clientHubId)
                .Join(db.Accounts, r => r.ClientHubId, a => a.HubId, (r, a) => new { r.State, r.EndsAt, a.MonthlyRecurringRevenue })
                .SingleAsync(cancellationToken);
            var header = DashboardHeader.For(scope.Account, DashboardHeader.Overview);
            var relationship = PartnerClientRelationship.Describe(facts.State, facts.EndsAt);
            if (!header.CanSeeEmployees)
                return new Model(header, clientHubId, scope.Client.Name, relationship, facts.MonthlyRecurringRevenue, null, new Paging(1, Query.PageSize, 0));

            var working = PartnerEmployeesOfClient.OnClient(db, hubId, clientHubId);
            var people = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && working.Contains(m.UserId));
            var paging = await Paging.CountAsync(people, request.Page, Query.PageSize, cancellationToken);
            var page = await people.OrderBy(m => m.UserName).ThenBy(m => m.UserId).Skip(paging.Skip).Take(Query.PageSize)
                .Select(m => new { m.UserId, m.UserName, m.UserEmail }).ToListAsync(cancellationToken);
            var rows = page.Count == 0 ? [] : await PartnerEmployeesOfClient.RowsAsync(db, hubId, [clientHubId], page.Select(p => p.UserId).ToList(),
                page.ToDictionary(p => p.UserId, p => (p.UserName, p.UserEmail)), new Dictionary<long, string> { [clientHubId] = scope.Client.Name }, cancellationToken);
            return new Model(header, clientHubId, scope.Client.Name, relationship, facts.MonthlyRecurringRevenue, rows, paging);
        }
    }
}
