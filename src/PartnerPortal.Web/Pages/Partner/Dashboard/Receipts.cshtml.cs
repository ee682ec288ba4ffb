namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// B4: the partner's offboarding receipts, newest first — who was offboarded (or removed as a user, R20), when, from how
/// many clients — each opening its receipt, to read again or download as CSV.
/// </summary>
public class ReceiptsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, PageNumber), new Query(hubId), view => View = view);

    public sealed record Query(long HubId, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        // As the receipts themselves: Super Admin or Client access manager.
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    /// <param name="Clients">Client accounts the offboarding touched (removed from, or kept as only Super Admin).</param>
    public sealed record Row(Guid OperationId, string Subject, DateTimeOffset At, int Clients, bool FromPartner);

    public sealed record Model(DashboardHeader Header, IReadOnlyList<Row> Receipts, Paging Paging);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var actions = new[] { AuditActions.PartnerEmployeeOffboarded, AuditActions.PartnerEmployeeRemovedFromPartner };
            var kept = actions.Select(AuditActions.Stays).ToArray();
            // From the (partner, action, time) index: the partner's offboarding entries only, grouped by the change that wrote them.
            var operations = db.AuditEntries.AsNoTracking()
                .Where(e => e.PartnerHubId == request.HubId && (actions.Contains(e.Action) || kept.Contains(e.Action)) && e.OperationId != null)
                .GroupBy(e => e.OperationId)
                .Select(g => new
                {
                    OperationId = g.Key,
                    Subject = g.Min(e => e.Subject),
                    At = g.Max(e => e.At),
                    Clients = g.Count(),
                    FromPartner = g.Any(e => e.Action == AuditActions.PartnerEmployeeRemovedFromPartner || e.Action == kept[1]),
                });
            var paging = await Paging.CountAsync(operations, request.Page, Query.PageSize, cancellationToken);
            var rows = await operations.OrderByDescending(o => o.At).ThenBy(o => o.OperationId).Skip(paging.Skip).Take(Query.PageSize)
                .ToListAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees),
                rows.Select(r => new Row(r.OperationId!.Value, r.Subject ?? "", r.At, r.Clients, r.FromPartner)).ToList(), paging);
        }
    }
}
