namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// Settings → Users &amp; Teams of a partner account (R15): its users with their access, whether each is a partner
/// employee, and the checkmark for partner-domain emails; searched by name or email and shown a page at a time.
/// </summary>
public class UsersModel(IMediator mediator) : ListPageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Search, PageNumber, PageSize), new Query(hubId), view => View = view);

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long HubId, string? Search = null, int Page = 1, int PageSize = Paging.DefaultSize) : IRequest<Result<Model>>, IAccountRequest, IListQuery
    {
        // Super Admin or Add and edit users in the partner account.
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed class QueryValidator() : ListQueryValidator<Query>("a name or email", "users");

    /// <param name="Access">"Super Admin", or the partner account permissions the user holds.</param>
    public sealed record Row(Guid UserId, string Name, string Email, bool OnPartnerDomain, string Access, bool IsPartnerEmployee);

    public sealed record Model(SettingsHeader Header, IReadOnlyList<Row> Users, Paging Paging, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var search = Picker.Normalize(request.Search);
            var users = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId);
            if (search is not null) users = users.Where(Picker.EmployeeMatches(search, []));
            var paging = await Paging.CountAsync(users, request.Page, request.PageSize, cancellationToken);
            var domains = await db.EmailDomainsOfAsync(hubId, cancellationToken);
            // A walk of the memberships' (account, user name) index, cut at the page.
            var page = await users.OrderBy(m => m.UserName).ThenBy(m => m.UserId).Skip(paging.Skip).Take(paging.PageSize)
                .Select(m => new { m.UserId, m.UserName, m.UserEmail, m.AccessType, m.ExplicitPermissions, m.IsPartnerEmployee })
                .ToListAsync(cancellationToken);
            var rows = page.Select(u => new Row(u.UserId, u.UserName, u.UserEmail, PartnerEmailDomain.Covers(domains, u.UserEmail),
                Permissions.DescribePartnerAccess(u.AccessType, u.ExplicitPermissions), u.IsPartnerEmployee)).ToList();
            return new Model(SettingsHeader.For(scope.Account, SettingsHeader.Users), rows, paging, request.Search?.Trim() is { Length: > 0 } text ? text : null);
        }
    }
}
