namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's Settings → Users &amp; Teams (seed 004, R24): every user with access type, seat, partner (for partner
/// employees) and last activity; searched by name or email and shown a page at a time.
/// </summary>
public class UsersModel(IMediator mediator) : ListPageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Search, PageNumber, PageSize), new Query(hubId), view => View = view);

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long HubId, string? Search = null, int Page = 1, int PageSize = Paging.DefaultSize) : IRequest<Result<Model>>, IAccountRequest, IListQuery
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class QueryValidator() : ListQueryValidator<Query>("a name or email", "users");

    public sealed record Row(Guid UserId, string Name, string Email, string Access, string Seat, string? Partner, DateTimeOffset? LastActivity);

    public sealed record Model(ClientHeader Header, IReadOnlyList<Row> Users, Paging Paging, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var search = Picker.Normalize(request.Search);
            var users = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId);
            if (search is not null) users = users.Where(Picker.EmployeeMatches(search, []));
            var paging = await Paging.CountAsync(users, request.Page, request.PageSize, cancellationToken);
            var rows = await users.OrderBy(m => m.UserName).ThenBy(m => m.UserId)
                .Skip(PagingRules.SkipFor(paging.Page, paging.PageSize)).Take(paging.PageSize)
                .Select(m => new
                {
                    m.UserId, m.UserName, m.UserEmail, m.AccessType, Set = m.PermissionSet == null ? null : m.PermissionSet.Name, m.Seat, m.KeepsBilling,
                    PartnerAccess = m.PartnerAccessSince != null,
                    Partner = db.Accounts.Where(a => a.HubId == m.PartnerHubId).Select(a => a.Name).FirstOrDefault(),
                    // R12, B2: the last qualifying activity, from the (client, user, time) index.
                    LastActivity = db.QualifyingActivities.Where(a => a.ClientHubId == hubId && a.UserId == m.UserId)
                        .OrderByDescending(a => a.At).Select(a => (DateTimeOffset?)a.At).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Users),
                rows.Select(r => new Row(r.UserId, r.UserName, r.UserEmail, ClientUsers.AccessOf(r.AccessType, r.Set, r.KeepsBilling), ClientUsers.SeatOf(r.Seat, r.PartnerAccess), r.Partner,
                    r.LastActivity)).ToList(), paging, search);
        }
    }
}
