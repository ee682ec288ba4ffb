using System.Globalization;

namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// B2, the client access ledger: every partner employee in the account — partner, permission set, seat, granted when and
/// how (which access link and approver, or which admin added them), end date, last qualifying activity — a page at a
/// time, filtered by partner. From it the client revokes one or several (or a whole partner, R23), sets or shortens an
/// end date (enforced by B3's job), and downloads it all as CSV, streamed.
/// </summary>
public class PartnerAccessModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "partner")] public long? Partner { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "size")] public int PageSize { get; set; } = Paging.DefaultSize;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, Partner, PageNumber, PageSize), new Query(hubId), view => View = view);

    public async Task<IActionResult> OnGetCsvAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new CsvQuery(hubId, Partner), ct);
        if (!result.Succeeded) return this.Refusal(result);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"partner-access-{hubId}.csv\"";
        await Csv.WriteAsync(Response.Body, ["Name", "Email", "Partner", "Partner Hub ID", "Access", "Seat", "Granted (UTC)", "Granted how", "Access ends (UTC)", "Last activity (UTC)"],
            result.Value.Entries,
            r => [r.Name, r.Email, r.PartnerName, r.PartnerHubId.ToString(CultureInfo.InvariantCulture), r.Access, r.Seat, Csv.Instant(r.GrantedAt), r.GrantedVia,
                r.EndsAt is { } e ? Csv.Instant(e) : "", r.LastActivity is { } a ? Csv.Instant(a) : ""], ct);
        return new EmptyResult();
    }

    public Task<IActionResult> OnPostRevokeAsync(long hubId, [FromForm(Name = "users")] List<Guid> users) =>
        this.SubmitAsync(mediator, new Revoke(hubId, users), Done(hubId), () => OnGetAsync(hubId));

    public Task<IActionResult> OnPostEndDateAsync(long hubId, [FromForm(Name = "user")] Guid user, [FromForm(Name = "endsOn")] DateOnly? endsOn) =>
        this.SubmitAsync(mediator, new SetEndDate(hubId, user, endsOn), Done(hubId), () => OnGetAsync(hubId));

    private Func<string, IActionResult> Done(long hubId) => this.FlashThen(() => RedirectToPage(new { hubId, partner = Partner, p = PageNumber, size = PageSize }));

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long HubId, long? Partner = null, int Page = 1, int PageSize = Paging.DefaultSize) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Page).IsPageNumber();
            RuleFor(q => q.PageSize).IsPageSize("partner employees");
        }
    }

    public sealed record CsvQuery(long HubId, long? Partner) : IRequest<Result<Rows>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed record Row(Guid UserId, string Name, string Email, long PartnerHubId, string PartnerName, AccessType AccessType, string? Set, bool KeepsBilling,
        SeatType SeatType, bool PartnerAccess, DateTimeOffset GrantedAt, string? GrantedVia, DateTimeOffset? EndsAt, DateTimeOffset? LastActivity,
        DateTimeOffset? ReviewedAt = null, int StaleAfterDays = Account.DefaultStaleAfterDays)
    {
        /// <summary>B5: stale by its partner's period.</summary>
        public bool IsStale(DateTimeOffset now) => PartnerPortal.Web.Pages.Partner.AccessReviews.Staleness.IsStale(GrantedAt, ReviewedAt, LastActivity, StaleAfterDays, now);

        public string Access => ClientUsers.AccessOf(AccessType, Set, KeepsBilling);

        public string Seat => ClientUsers.SeatOf(SeatType, PartnerAccess);
    }

    public sealed record PartnerChoice(long HubId, string Name);

    /// <param name="Manages">SPEC §3: the viewer is one of the client's own admins, who may revoke and shorten partner access here; a partner's
    /// employee (a Partner Admin) reads the ledger and is offered none of it.</param>
    public sealed record Model(ClientHeader Header, IReadOnlyList<Row> Employees, Paging Paging, IReadOnlyList<PartnerChoice> Partners, long? Partner, DateTimeOffset Now,
        bool Manages);

    public sealed record Rows(QueryRows<Row> Entries);

    /// <summary>The ledger's rows in name order, from the memberships' (account, partner) index; the projection is the page's and the CSV's.</summary>
    private static IQueryable<Membership> Employees(PortalDb db, long hubId, long? partner)
    {
        var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.PartnerHubId != null);
        return partner is { } p ? employees.Where(m => m.PartnerHubId == p) : employees;
    }

    private static IQueryable<Row> Ledger(PortalDb db, long hubId, long? partner) =>
        Employees(db, hubId, partner).OrderBy(m => m.UserName).ThenBy(m => m.UserId)
            .Select(m => new Row(m.UserId, m.UserName, m.UserEmail, m.PartnerHubId!.Value,
                db.Accounts.Where(a => a.HubId == m.PartnerHubId).Select(a => a.Name).First(),
                m.AccessType, m.PermissionSet == null ? null : m.PermissionSet.Name, m.KeepsBilling, m.Seat, m.PartnerAccessSince != null, m.GrantedAt, m.GrantedVia, m.ExpiresAt,
                db.QualifyingActivities.Where(a => a.ClientHubId == hubId && a.UserId == m.UserId).OrderByDescending(a => a.At).Select(a => (DateTimeOffset?)a.At).FirstOrDefault(),
                m.ReviewedAt, db.Accounts.Where(a => a.HubId == m.PartnerHubId).Select(a => a.StaleAfterDays).First()));

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var paging = await Paging.CountAsync(Employees(db, hubId, request.Partner), request.Page, request.PageSize, cancellationToken);
            var rows = await Ledger(db, hubId, request.Partner).Skip(PagingRules.SkipFor(paging.Page, paging.PageSize)).Take(paging.PageSize).ToListAsync(cancellationToken);
            var partners = await db.CurrentRelationships.AsNoTracking()
                .Where(r => r.ClientHubId == hubId)
                .Join(db.Accounts, r => r.PartnerHubId, a => a.HubId, (r, a) => new { a.HubId, a.Name })
                .OrderBy(c => c.Name).Take(PartnersModel.Shown).Select(c => new PartnerChoice(c.HubId, c.Name)).ToListAsync(cancellationToken);
            return new Model(ClientHeader.For(scope.Account, ClientHeader.PartnerAccess), rows, paging, partners, request.Partner, clock.GetUtcNow(),
                WhoMayChangeWhom.IsOwnAdmin(scope.Account.Membership));
        }
    }

    public sealed class CsvQueryHandler(PortalDb db) : IRequestHandler<CsvQuery, Result<Rows>>
    {
        public Task<Result<Rows>> Handle(CsvQuery request, CancellationToken cancellationToken) =>
            Task.FromResult<Result<Rows>>(new Rows(QueryRows.Of(Ledger(db, request.HubId, request.Partner), db)));
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Revoke(long HubId, IReadOnlyList<Guid> UserIds) : ICommand<Result<string>>, IAccountRequest, IVersionedChange
    {
        /// <summary>B8: the client's version the API caller read (If-Match); never from a form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public long? IfMatch { get; init; }

        long IVersionedChange.VersionedHubId => HubId;

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class RevokeValidator : AbstractValidator<Revoke>
    {
        public RevokeValidator() => RuleFor(c => c.UserIds).NotEmpty().WithMessage("Tick the partner employees whose access you revoke.")
            .Must(ids => ids.Count <= 500).WithMessage("Revoke up to 500 at a time, or revoke the whole partner from Partners.");
    }

    public sealed class RevokeHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Revoke, Result<string>>
    {
        public async Task<Result<string>> Handle(Revoke request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            // The ledger revokes partner employees only; anyone else here is managed in Users & Teams.
            if (request.UserIds.Any(id => client.MembershipOf(id)?.PartnerHubId is null))
                return Failure.Refused("Only partner employees are revoked here, and one of those ticked is not (any more). Look at the list again.");
            var outcome = client.RemoveClientUsers(scope.ActorHere, request.UserIds.Distinct().ToList(), AuditActions.AccessRevokedByTheClient, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken); // R12 follows from the domain's events (RelationshipKeeper)
            var count = request.UserIds.Distinct().Count();
            return $"Access revoked for {count} partner {(count == 1 ? "employee" : "employees")}.";
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record SetEndDate(long HubId, Guid UserId, DateOnly? EndsOn) : ICommand<Result<string>>, IAccountRequest, IVersionedChange
    {
        /// <summary>B8: the client's version the API caller read (If-Match); never from a form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public long? IfMatch { get; init; }

        long IVersionedChange.VersionedHubId => HubId;

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);

        /// <summary>Access ends at the end of the day chosen (UTC).</summary>
        public DateTimeOffset? EndsAt => AccessEnd.EndOf(EndsOn);
    }

    public sealed class SetEndDateValidator : AbstractValidator<SetEndDate>
    {
        public SetEndDateValidator() => RuleFor(c => c.EndsOn).IsEndDay();
    }

    public sealed class SetEndDateHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<SetEndDate, Result<string>>
    {
        public async Task<Result<string>> Handle(SetEndDate request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var outcome = client.SetAccessEnd(scope.ActorHere, request.UserId, request.EndsAt, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            var name = client.MembershipOf(request.UserId)!.UserName;
            return request.EndsOn is { } day ? $"{name}'s access ends on {day:yyyy-MM-dd}." : $"{name}'s access has no end date now.";
        }
    }
}
