namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>
/// What one Done, Confirm, Add or Offboard changed, entry by entry from the audit trail (B1, B4), paged: the receipt a
/// short message links to, however many clients the change touched — what, in which client, when and by whom; one
/// client's part alone (<c>?client=</c>), and the whole as CSV, streamed.
/// </summary>
public class ReceiptModel(IMediator mediator) : PageModel
{
    /// <summary>Keyset paging: the page starts after this entry.</summary>
    [BindProperty(SupportsGet = true, Name = "after")] public long? After { get; set; }

    /// <summary>Only this client's entries.</summary>
    [BindProperty(SupportsGet = true, Name = "client")] public long? Client { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid operationId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, operationId, After, Client), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    /// <summary>Download as CSV: every entry (of the client, when chosen), written as it is read.</summary>
    public async Task<IActionResult> OnGetCsvAsync(long hubId, Guid operationId, CancellationToken ct)
    {
        var result = await mediator.Send(new CsvQuery(hubId, operationId, Client), ct);
        if (!result.Succeeded) return this.Refusal(result);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"receipt-{operationId:N}.csv\"";
        await Csv.WriteAsync(Response.Body, ["Client", "Hub ID", "Change", "Who or what", "Before", "After", "By", "When (UTC)"], result.Value.Entries,
            r => [r.Account, r.AccountHubId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Action, r.Subject, r.Before, r.After, r.By, Csv.Instant(r.At)], ct);
        return new EmptyResult();
    }

    public sealed record Query(long PartnerHubId, Guid OperationId, long? After = null, long? Client = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed record CsvQuery(long PartnerHubId, Guid OperationId, long? Client = null) : IRequest<Result<Rows>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.After).GreaterThan(0).When(q => q.After is not null).WithMessage("That page of the receipt does not exist.");
    }

    /// <param name="By">Who made the change (their email), or "Partner Portal" for a background job.</param>
    public sealed record Row(long Id, string Account, long AccountHubId, string Action, string Subject, string? Before, string? After, string By, DateTimeOffset At);

    /// <summary>The entries as the database reads them, one at a time.</summary>
    public sealed record Rows(QueryRows<Row> Entries);

    /// <param name="Next">The entry the next page starts after, when there is one.</param>
    public sealed record Model(CamHeader Header, Guid OperationId, IReadOnlyList<Row> Entries, long? Next, bool First, long? Client);

    /// <summary>This partner's entries of the operation, in the order written: another partner's operation id finds nothing here.</summary>
    private static IQueryable<Row> Entries(PortalDb db, long partnerHubId, Guid operationId, long? client, long after)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.OperationId == operationId && a.PartnerHubId == partnerHubId && a.Id > after);
        if (client is { } only) entries = entries.Where(a => a.AccountHubId == only);
        return entries.OrderBy(a => a.Id)
            .Join(db.Accounts, a => a.AccountHubId, x => x.HubId, (a, x) => new { a, x.Name })
            .Select(e => new Row(e.a.Id, e.Name, e.a.AccountHubId, e.a.Action, e.a.Subject, e.a.Before, e.a.After,
                db.DomainUsers.Where(u => u.Id == e.a.ActorUserId).Select(u => u.Email).FirstOrDefault() ?? "Partner Portal", e.a.At));
    }

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var rows = await Entries(db, request.PartnerHubId, request.OperationId, request.Client, request.After ?? 0).Take(Query.PageSize + 1)
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) return Failure.NotFound;
            var more = rows.Count > Query.PageSize;
            var shown = rows.Take(Query.PageSize).OrderBy(r => r.Id).ToList();
            return new Model(CamHeader.For(scope.Account, "Clients"), request.OperationId, shown, more ? shown[^1].Id : null, request.After is null, request.Client);
        }
    }

    public sealed class CsvQueryHandler(PortalDb db) : IRequestHandler<CsvQuery, Result<Rows>>
    {
        public async Task<Result<Rows>> Handle(CsvQuery request, CancellationToken cancellationToken)
        {
            var entries = Entries(db, request.PartnerHubId, request.OperationId, request.Client, 0);
            if (!await entries.AnyAsync(cancellationToken)) return Failure.NotFound;
            return new Rows(QueryRows.Of(entries, db));
        }
    }
}
