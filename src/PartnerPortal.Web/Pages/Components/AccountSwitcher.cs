namespace PartnerPortal.Web.Pages.Components;

/// <summary>
/// The account switcher: the signed-in user's partner accounts, the current account and the ones opened recently —
/// a bounded list, whatever the number of clients an agency's admin is in (someone in a dozen accounts or fewer sees
/// them all); "All your accounts" finds the rest.
/// </summary>
public static class AccountSwitcher
{
    /// <summary>At most this many accounts in the menu.</summary>
    public const int Size = 12;

    /// <param name="Recent">Accounts opened lately, most recent first (from the browser's cookie: only the user's own are shown).</param>
    [NotAccountScoped("Lists only the signed-in user's own memberships.")]
    public sealed record Query(long? CurrentHubId = null, IReadOnlyList<long>? Recent = null) : IRequest<Result<Menu>>;

    /// <param name="ManagesClientAccess">R5: the Partner menu offers the Client Access Manager.</param>
    /// <param name="ManagesUsers">The Settings menu offers Users &amp; Teams (a partner account, Super Admin or Add and edit users).</param>
    public sealed record Entry(long HubId, string Name, AccountKind Kind, AccessType AccessType, bool ManagesClientAccess, bool ManagesUsers, bool AdministersClient = false);

    /// <param name="More">The user is in more accounts than the menu shows.</param>
    public sealed record Menu(IReadOnlyList<Entry> Accounts, bool More)
    {
        public Entry? Find(long? hubId) => Accounts.FirstOrDefault(a => a.HubId == hubId);
    }

    private sealed record Row(long HubId, string Name, AccountKind Kind, Membership Membership, int Total);

    // One statement, bounded: the user's memberships from their (UserId, AccountName) index, which holds the kind and Hub ID,
    // keeping the partner accounts, the current and the recent ones — or every one when the user is in no more than the menu
    // holds. Whether they are is a count that stops at one more than the menu (an agency's admin is in a thousand accounts;
    // every page shows this menu). No account is read and only the menu's thirteen rows are sorted. Compiled once: every page
    // runs it, and EF Core's turning of the LINQ into its cached SQL cost about as much as the statement.
    private static readonly Func<PortalDb, Guid, long, List<long>, IAsyncEnumerable<Row>> Rows = EF.CompileAsyncQuery(
        (PortalDb db, Guid userId, long current, List<long> recent) => db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
            // The menu's rows chosen and ordered from the index alone (it holds everything the choice needs), then read.
            .Where(m => db.Memberships.Where(k => k.UserId == userId)
                .Where(k => k.AccountKind == AccountKind.Partner || k.AccountHubId == current || recent.Contains(k.AccountHubId)
                    || db.Memberships.Where(o => o.UserId == userId).Take(Size + 1).Count() <= Size)
                .OrderBy(k => k.AccountKind).ThenBy(k => k.AccountName).ThenBy(k => k.AccountHubId)
                .Take(Size + 1)
                .Select(k => k.Id)
                .Contains(m.Id))
            .OrderBy(m => m.AccountKind).ThenBy(m => m.AccountName).ThenBy(m => m.AccountHubId)
            .Select(m => new Row(m.AccountHubId, m.AccountName, m.AccountKind, m,
                db.Memberships.Where(o => o.UserId == userId).Take(Size + 1).Count())));

    public sealed class QueryHandler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, Result<Menu>>
    {
        public async Task<Result<Menu>> Handle(Query request, CancellationToken cancellationToken)
        {
            var current = request.CurrentHubId ?? 0;
            var recent = (request.Recent ?? []).Take(RecentAccounts.Max).ToList();
            var rows = new List<Row>(Size + 1);
            await foreach (var row in Rows(db, me.UserId, current, recent).WithCancellation(cancellationToken)) rows.Add(row);
            var total = rows.Count == 0 ? 0 : rows[0].Total; // at most Size + 1: enough to tell whether there are more
            var shown = rows.Take(Size).ToList();
            var entries = shown.OrderBy(e => e.Kind).ThenBy(e => e.Name)
                .Select(e => new Entry(e.HubId, e.Name, e.Kind, e.Membership.AccessType,
                    e.Kind == AccountKind.Partner && AccessPolicy.Holds(e.Membership, Right.ClientAccessManager),
                    AccessPolicy.Holds(e.Membership, Right.AddAndEditUsers),
                    e.Kind == AccountKind.Client && AccessPolicy.Holds(e.Membership, Right.AdministerClient)))
                .ToList();
            return new Menu(entries, total > shown.Count);
        }
    }
}
