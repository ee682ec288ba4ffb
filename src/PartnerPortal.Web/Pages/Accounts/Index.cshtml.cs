namespace PartnerPortal.Web.Pages.Accounts;

/// <summary>All your accounts: every account the signed-in user is in, searchable by name or Hub ID, a page at a time.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => this.ShowListAsync(mediator, new Query(Search, PageNumber), new Query(), view => View = view);

    [NotAccountScoped("Lists only the signed-in user's own memberships.")]
    public sealed record Query(string? Search = null, int Page = 1) : IRequest<Result<Model>>
    {
        public const int PageSize = 50;
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Search).IsSearch("a name or Hub ID");
            RuleFor(q => q.Page).IsPageNumber();
        }
    }

    public sealed record Row(long HubId, string Name, AccountKind Kind, AccessType AccessType);

    public sealed record Model(IReadOnlyList<Row> Accounts, Paging Paging, string? Search);

    public sealed class QueryHandler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var search = Picker.Search(request.Search, db);
            // From the memberships' (UserId, AccountName) index, which holds everything this page shows: a sort of small rows.
            var mine = db.Memberships.AsNoTracking().Where(m => m.UserId == me.UserId);
            if (search is not null) mine = mine.Where(Picker.AccountMatches(search, []));
            // No search: the user's memberships alone are counted (an index).
            var paging = await Paging.CountAsync(mine, request.Page, Query.PageSize, cancellationToken);
            var rows = await mine.OrderBy(m => m.AccountKind).ThenBy(m => m.AccountName).ThenBy(m => m.AccountHubId).Skip(paging.Skip).Take(Query.PageSize)
                .Select(m => new Row(m.AccountHubId, m.AccountName, m.AccountKind, m.AccessType)).ToListAsync(cancellationToken);
            return new Model(rows, paging, request.Search);
        }
    }
}
