namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>Partner &gt; Client Access Manager, Clients tab (R5).</summary>
public class IndexModel(IMediator mediator) : ListPageModel
{
    [BindProperty(SupportsGet = true, Name = "types")] public List<string> Types { get; set; } = [];

    /// <summary>Set by the filter form, so that unticking every box is told apart from a first visit.</summary>
    [BindProperty(SupportsGet = true, Name = "filtered")] public bool Filtered { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId)
    {
        var query = new Query
        {
            PartnerHubId = hubId,
            AccessTypes = Filtered || Types.Count > 0 ? Types : null,
            Search = Search,
            Page = PageNumber,
            PageSize = PageSize,
        };
        // Input it refuses: the list with the default filter beside the message, rather than an empty page.
        return this.ShowListAsync(mediator, query, new Query { PartnerHubId = hubId }, view => View = view);
    }

    public static class AccessTypeOption
    {
        public const string SuperAdmin = "super-admin";
        public const string PartnerAdmin = "partner-admin";
        public const string User = "user";
        public const string NoAccess = "no-access";
        public const string All = "all";

        public static readonly IReadOnlyList<(string Value, string Label)> Choices =
        [
            (SuperAdmin, "Super Admin"),
            (PartnerAdmin, "Partner Admin"),
            (User, "User"),
            (NoAccess, "No access"),
        ];

        public static bool IsKnown(string value) => value == All || Choices.Any(c => c.Value == value);

        public static AccessTypeFilter ToFilter(IReadOnlyList<string>? values)
        {
            if (values is null) return AccessTypeFilter.Default;
            if (values.Contains(All)) return AccessTypeFilter.Everything;
            var types = new HashSet<AccessType>();
            if (values.Contains(SuperAdmin)) types.Add(AccessType.SuperAdmin);
            if (values.Contains(PartnerAdmin)) types.Add(AccessType.PartnerAdmin);
            if (values.Contains(User)) types.Add(AccessType.User);
            return new AccessTypeFilter(types, values.Contains(NoAccess));
        }

        public static bool IsChecked(AccessTypeFilter filter, string value) => value switch
        {
            SuperAdmin => filter.Types.Contains(AccessType.SuperAdmin),
            PartnerAdmin => filter.Types.Contains(AccessType.PartnerAdmin),
            User => filter.Types.Contains(AccessType.User),
            NoAccess => filter.IncludeNoAccess,
            _ => filter.IsEverything,
        };
    }

    [ApiScope(ApiScopes.Read)]
    public sealed record Query : IRequest<Result<Model>>, IAccountRequest, IListQuery
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);

        public const int DefaultPageSize = Paging.DefaultSize;

        public long PartnerHubId { get; init; }

        /// <summary>Null: the default filter (Partner Admin and Super Admin).</summary>
        public IReadOnlyList<string>? AccessTypes { get; init; }

        public string? Search { get; init; }
        public int Page { get; init; } = 1;
        public int PageSize { get; init; } = DefaultPageSize;
    }

    public sealed class QueryValidator : ListQueryValidator<Query>
    {
        public QueryValidator() : base("a name or Hub ID", "clients")
        {
            RuleForEach(q => q.AccessTypes).Must(AccessTypeOption.IsKnown)
                .WithMessage(t => $"Access types can be Super Admin, Partner Admin, User or No access.");
        }
    }

    /// <param name="OtherSuperAdminEmployees">Super Admins there, besides you, who are employees of this partner.</param>
    public sealed record ClientRow(long HubId, string Name, AccountKind Kind, AccessType? YourAccessType, int PartnerEmployees,
        RelationshipState State, DateTimeOffset? EndsAt, int OtherSuperAdminEmployees, int StaleAccess = 0)
    {
        public bool CanAddEmployees => AccessPolicy.CanAddEmployees(YourAccessType, Kind);

        public bool CanChangeToPartnerAdmin => AccessPolicy.CanOfferChangeToPartnerAdmin(YourAccessType, Kind, OtherSuperAdminEmployees);
    }

    public sealed record Model(long PartnerHubId, string PartnerName, IReadOnlyList<ClientRow> Clients, Paging Paging,
        AccessTypeFilter Filter, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, ICurrentUser me, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            // R5: only this partner's clients (the requirement has checked the right in the partner account).
            var filter = AccessTypeOption.ToFilter(request.AccessTypes);
            var partnerHubId = request.PartnerHubId;
            var userId = me.UserId;

            var current = db.CurrentRelationships.Where(r => r.PartnerHubId == partnerHubId);
            var types = filter.Types.ToList();
            var search = Picker.Search(request.Search, db);
            var mine = db.Memberships.Where(m => m.UserId == userId);

            // A page is chosen first — its keys, in name order — and only those rows are read in full, with their counts: in one
            // flat query the database would work out every client's counts before sorting and cutting the page.
            Paging paging;
            Func<int, IQueryable<long>> keysOfPage;
            if (filter.IsEverything || filter.IncludeNoAccess)
            {
                // Every client of the partner (client accounts, or partner accounts it resells to): the accounts in name order
                // (their Name index), each checked against the partner's current relationship (EXISTS, one index lookup), so
                // that a page is a walk of that index rather than a sort of every client the partner has.
                var clients = db.Accounts.Where(a => current.Any(r => r.ClientHubId == a.HubId));
                if (search is not null) clients = clients.Where(Picker.Matches(search, []));
                if (!filter.IsEverything)
                {
                    // No access, or one of the ticked access types.
                    clients = clients.Where(a => !mine.Any(m => m.AccountHubId == a.HubId)
                        || mine.Any(m => m.AccountHubId == a.HubId && types.Contains(m.AccessType)));
                }
                // Every client, no search: the count is the partner's current relationships alone, from their index. Otherwise
                // each client costs a check to count, and counting stops a few pages ahead ("more than").
                paging = filter.IsEverything && search is null
                    ? await Paging.CountAsync(current, request.Page, request.PageSize, cancellationToken)
                    : await Paging.CountAheadAsync(clients, request.Page, request.PageSize, cancellationToken);
                keysOfPage = skip => clients.OrderBy(a => a.Name).ThenBy(a => a.HubId).Skip(skip).Take(request.PageSize).Select(a => a.HubId);
            }
            else
            {
                // Only clients where you have one of the access types (the default filter): from your memberships in name order
                // (their index), each checked against the partner's relationship, rather than from every client of the partner.
                var yours = mine.Where(y => types.Contains(y.AccessType) && current.Any(r => r.ClientHubId == y.AccountHubId));
                if (search is not null) yours = yours.Where(Picker.AccountMatches(search, []));
                // Each of your memberships costs a check of the relationship to count: counting stops a few pages ahead.
                paging = await Paging.CountAheadAsync(yours, request.Page, request.PageSize, cancellationToken);
                keysOfPage = skip => yours.OrderBy(y => y.AccountName).ThenBy(y => y.AccountHubId).Skip(skip).Take(request.PageSize).Select(y => y.AccountHubId);
            }

            // The page's keys are read on their own: a query that both chooses the page and reads its rows is one whose
            // plan PostgreSQL may reuse (prepared statements) with a hash of every client; the rows of 25 known keys are not.
            var pageKeys = await keysOfPage(paging.Skip).ToListAsync(cancellationToken);
            // The page's rows: the relationship, and your access type where you have one (a left join).
            var rows = from a in db.Accounts
                       where pageKeys.Contains(a.HubId)
                       join r in current on a.HubId equals r.ClientHubId
                       join y in mine on a.HubId equals y.AccountHubId into yourMemberships
                       from y in yourMemberships.DefaultIfEmpty()
                       select new { a.HubId, a.Name, a.Kind, r.State, r.EndsAt, Yours = (AccessType?)y.AccessType };
            var staleCutoff = AccessReviews.Staleness.Cutoff(scope.Account.StaleAfterDays, clock.GetUtcNow());
            var page = await rows.OrderBy(x => x.Name).ThenBy(x => x.HubId)
                .Select(x => new
                {
                    x.HubId,
                    x.Name,
                    x.Kind,
                    x.State,
                    x.EndsAt,
                    x.Yours,
                    Employees = db.Memberships.Count(m => m.AccountHubId == x.HubId && m.PartnerHubId == partnerHubId),
                    // B5: the partner's stale access there (no activity of theirs for the partner's period).
                    Stale = db.Memberships.Count(m => m.AccountHubId == x.HubId && m.PartnerHubId == partnerHubId && m.GrantedAt < staleCutoff
                        && (m.ReviewedAt == null || m.ReviewedAt < staleCutoff)
                        && !db.QualifyingActivities.Any(a => a.ClientHubId == m.AccountHubId && a.UserId == m.UserId && a.At >= staleCutoff)),
                    // "Is an employee of this partner" is asked per Super Admin (a count, where an EXISTS would let PostgreSQL's
                    // reused plan start from all of the partner's employees instead, for every row).
                    OtherSuperAdmins = db.Memberships.Count(m => m.AccountHubId == x.HubId && m.UserId != userId && m.AccessType == AccessType.SuperAdmin
                        && db.Memberships.Count(p => p.AccountHubId == partnerHubId && p.UserId == m.UserId && p.IsPartnerEmployee) > 0),
                })
                .ToListAsync(cancellationToken);

            var shown = page.Select(x => new ClientRow(x.HubId, x.Name, x.Kind, x.Yours, x.Employees, x.State, x.EndsAt, x.OtherSuperAdmins, x.Stale)).ToList();
            return new Model(partnerHubId, scope.Account.Name, shown, paging, filter, request.Search?.Trim() is { Length: > 0 } text ? text : null);
        }
    }
}
