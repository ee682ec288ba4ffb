namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// Partner → Dashboard, the partner account's home: clients serviced, relationships ending soon, managed MRR and points
/// (R15), partner employees with and without access, and the Client list (R18's way in). Any user of the partner sees it;
/// what a figure costs does not grow with the agency (aggregates in SQL, a page of the list).
/// </summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Search, PageNumber), new Query(hubId), view => View = view);

    public sealed record Query(long HubId, string? Search = null, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = Paging.DefaultSize;
        public const int EndingSoonShown = 10;
        public const int WaitingShown = 10;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.Member);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Search).IsSearch("a name or Hub ID");
            RuleFor(q => q.Page).IsPageNumber();
        }
    }

    public sealed record Ending(long HubId, string Name, DateTimeOffset? EndsAt);

    public sealed record ClientRow(long HubId, string Name, string Relationship, int Employees, int Assigned);

    /// <summary>O2: a client account the partner created, waiting for its owner to take it (the relationship is Invited until then).</summary>
    public sealed record Waiting(string Name, string OwnerEmail, string CreatedBy, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

    /// <param name="ManagedMrr">USD a month: each actively serviced client's MRR split evenly between its active partners.</param>
    public sealed record Model(DashboardHeader Header, string YourAccess, int ClientsServiced, int EndingCount, IReadOnlyList<Ending> EndingSoon,
        decimal ManagedMrr, decimal ManagedPoints, int EmployeesWithAccess, int EmployeesWithoutAccess, IReadOnlyList<ClientRow> Clients,
        Paging Paging, string? Search, int WaitingCount = 0, IReadOnlyList<Waiting>? WaitingClients = null);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var now = clock.GetUtcNow();
            var waiting = db.AccountSignUps.Where(s => s.PartnerHubId == hubId && s.OpenFor != null && s.ExpiresAt > now);
            var current = db.CurrentRelationships.Where(r => r.PartnerHubId == hubId);
            var ending = db.Relationships.Where(r => r.PartnerHubId == hubId && r.State == RelationshipState.Ending);
            var employees = db.Memberships.Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee);
            // The figures in one statement: what grows with the agency's clients from the row PartnerFiguresKeeper keeps (managed
            // MRR, R15; clients serviced and Ending; employees with access), the rest counted from an index.
            var kept = db.PartnerFigures.Where(f => f.PartnerHubId == hubId);
            var figures = await db.Accounts.Where(a => a.HubId == hubId).Select(a => new
            {
                Serviced = kept.Select(f => f.Serviced).FirstOrDefault(),
                Ending = kept.Select(f => f.Ending).FirstOrDefault(),
                Employees = employees.Count(),
                WithAccess = kept.Select(f => f.EmployeesWithAccess).FirstOrDefault(),
                Waiting = waiting.Count(),
                ManagedMrr = kept.Select(f => f.MonthlyRecurringRevenue).FirstOrDefault(),
            }).SingleAsync(cancellationToken);
            var waitingClients = figures.Waiting == 0 ? [] : await waiting.OrderByDescending(s => s.SentAt).Take(Query.WaitingShown)
                .Select(s => new Waiting(s.AccountName ?? "", s.Email, db.DomainUsers.Where(u => u.Id == s.InvitedByUserId).Select(u => u.Name).FirstOrDefault() ?? "A former user",
                    s.SentAt, s.ExpiresAt))
                .ToListAsync(cancellationToken);
            var endingSoon = figures.Ending == 0 ? [] : await ending.OrderBy(r => r.EndsAt).ThenBy(r => r.ClientHubId).Take(Query.EndingSoonShown)
                .Join(db.Accounts, r => r.ClientHubId, a => a.HubId, (r, a) => new Ending(a.HubId, a.Name, r.EndsAt))
                .ToListAsync(cancellationToken);
            endingSoon = endingSoon.OrderBy(e => e.EndsAt).ThenBy(e => e.HubId).ToList();

            var managedMrr = figures.ManagedMrr;


            // The Client list: a page of the clients serviced, in name order.
            var search = Picker.Search(request.Search, db);
            var clients = current.Join(db.Accounts.AsNoTracking(), r => r.ClientHubId, a => a.HubId, (r, a) => new { Relationship = r, Account = a });
            Paging paging;
            if (search is null)
            {
                paging = Paging.Of(request.Page, Query.PageSize, figures.Serviced);
            }
            else
            {
                var matching = db.Accounts.Where(Picker.Matches(search, [])).Select(a => a.HubId);
                clients = clients.Where(x => matching.Contains(x.Account.HubId));
                paging = await Paging.CountAheadAsync(clients, request.Page, Query.PageSize, cancellationToken);
            }
            // Accounts in name order (their index), each looked up among the partner's relationships (its unique index), so that
            // a page reads its 25 rows instead of sorting every client the agency services (10,000 at a large one).
            var listed = db.Accounts.AsNoTracking().Where(a => current.Any(r => r.ClientHubId == a.HubId));
            if (search is not null)
            {
                var matching = db.Accounts.Where(Picker.Matches(search, [])).Select(a => a.HubId);
                listed = listed.Where(a => matching.Contains(a.HubId));
            }
            var page = await listed.OrderBy(a => a.Name).ThenBy(a => a.HubId).Skip(paging.Skip).Take(Query.PageSize)
                .Select(a => new
                {
                    a.HubId,
                    a.Name,
                    State = current.Where(r => r.ClientHubId == a.HubId).Select(r => r.State).First(),
                    EndsAt = current.Where(r => r.ClientHubId == a.HubId).Select(r => r.EndsAt).First(),
                    Employees = db.Memberships.Count(m => m.AccountHubId == a.HubId && m.PartnerHubId == hubId),
                    Assigned = db.Assignments.Count(s => s.PartnerHubId == hubId && s.ClientHubId == a.HubId),
                })
                .ToListAsync(cancellationToken);
            var rows = page.Select(c => new ClientRow(c.HubId, c.Name, PartnerClientRelationship.Describe(c.State, c.EndsAt), c.Employees, c.Assigned)).ToList();

            var membership = scope.Account.Membership;
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Overview),
                membership.AccessType.Display() + (membership.IsPartnerEmployee ? " · Partner employee" : ""),
                figures.Serviced, figures.Ending, endingSoon, managedMrr, ManagedCredit.Points(managedMrr), figures.WithAccess, figures.Employees - figures.WithAccess,
                rows, paging,
                request.Search, figures.Waiting, waitingClients);
        }
    }
}
