using System.Globalization;

namespace PartnerPortal.Web.Pages.Audit;

/// <summary>
/// B1: the one home of reading an audit trail — whose entries a trail holds, its filters (who, whom, action, date range,
/// client), keyset paging newest first on (At, Id), and the rows a page and the CSV show. The client's trail holds the
/// entries of its own account; the partner's, the entries of its own account and those made on its behalf in clients —
/// never a client's internal entries. Each filter is an equality the indexes on the trail lead with the account.
/// </summary>
public static class Trail
{
    public const int PageSize = 50;

    /// <summary>What the trail is narrowed to; every part optional.</summary>
    /// <param name="Who">Who made the change: an email, or "Partner Portal" for the background jobs.</param>
    /// <param name="Whom">Who or what changed: the subject as the trail shows it (an email, "Billing owner"…).</param>
    /// <param name="After">The keyset cursor: the page starts below this entry (<see cref="Cursor"/>).</param>
    public sealed record Filter(string? Who = null, string? Whom = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, long? Client = null,
        string? After = null)
    {
        public bool Any => Who is not null || Whom is not null || Action is not null || From is not null || To is not null || Client is not null;

        /// <summary>The filters as typed in a form or an address: blank is no filter, and what is typed is trimmed.</summary>
        public static Filter Typed(string? who, string? whom, string? action, DateOnly? from, DateOnly? to, long? client, string? after) =>
            new(Blank(who), Blank(whom), Blank(action), from, to, client, Blank(after));

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        /// <summary>The address query of these filters (without the cursor), for the next page, the CSV, the page again.</summary>
        public string Query(string? after = null)
        {
            var parts = new List<string>();
            void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
            Add("who", Who);
            Add("whom", Whom);
            Add("action", Action);
            Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("client", Client?.ToString(CultureInfo.InvariantCulture));
            Add("after", after);
            return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
        }
    }

    /// <summary>The position after an entry, as an address carries it: its time (UTC ticks) and id.</summary>
    public static string Cursor(DateTimeOffset at, long id) => $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{id.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryCursor(string? text, out DateTimeOffset at, out long id)
    {
        at = default;
        id = 0;
        var parts = text?.Split('-');
        if (parts is not { Length: 2 } || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id) || ticks > DateTimeOffset.MaxValue.UtcTicks || id <= 0) return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    public const string SystemActor = "Partner Portal";

    /// <summary>The filters' one set of rules, shared by both trails' page and CSV.</summary>
    public static void Rules<T>(AbstractValidator<T> validator, Func<T, Filter> filter)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(x => filter(x).Who).Must(w => w is null || string.Equals(w, SystemActor, StringComparison.OrdinalIgnoreCase) || (w.Length <= 254 && EmailAddress.IsValid(w)))
            .WithMessage($"Search who by their email address, or by {SystemActor} for what the system did.").OverridePropertyName("who");
        validator.RuleFor(x => filter(x).Whom).MaximumLength(300).WithMessage("Search whom by up to 300 characters.").OverridePropertyName("whom");
        validator.RuleFor(x => filter(x).Action).MaximumLength(100).WithMessage("Choose an action of up to 100 characters.").OverridePropertyName("action");
        validator.RuleFor(x => filter(x)).Must(f => f.From is null || f.To is null || f.From <= f.To)
            .WithMessage("The From date must be on or before the To date.").OverridePropertyName("from");
        validator.RuleFor(x => filter(x).From).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Choose a From date between 2000 and 2100.").OverridePropertyName("from");
        validator.RuleFor(x => filter(x).To).Must(d => d is null || d.Value.Year is >= 2000 and <= 2100).WithMessage("Choose a To date between 2000 and 2100.").OverridePropertyName("to");
        validator.RuleFor(x => filter(x).Client).GreaterThan(0).When(x => filter(x).Client is not null).WithMessage("A Hub ID is a positive number.").OverridePropertyName("client");
        validator.RuleFor(x => filter(x).After).Must(a => a is null || TryCursor(a, out _, out _)).WithMessage("That page of the trail does not exist.").OverridePropertyName("after");
    }

    /// <summary>One line of a trail.</summary>
    /// <param name="Token">B8: the name of the personal access token the change was made through, or null (the browser, a job).</param>
    public sealed record Row(long Id, DateTimeOffset At, string By, string Action, string Subject, string? Before, string? After, long AccountHubId, string Account,
        string? Token = null);

    /// <summary>A client's own trail: the entries of its account.</summary>
    public static IQueryable<AuditEntry> OfClient(PortalDb db, long clientHubId) => db.AuditEntries.AsNoTracking().Where(a => a.AccountHubId == clientHubId);

    /// <summary>The filters on one branch of a trail (each branch keeps its account equality, so each filter has its index).</summary>
    private static IQueryable<AuditEntry> Narrow(IQueryable<AuditEntry> entries, Filter filter, Guid? who, bool systemActor)
    {
        if (systemActor) entries = entries.Where(a => a.ActorUserId == null);
        else if (who is { } actor) entries = entries.Where(a => a.ActorUserId == actor);
        if (filter.Whom is { } whom) entries = entries.Where(a => a.Subject == whom);
        if (filter.Action is { } action) entries = entries.Where(a => a.Action == action);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }
        if (AccessEnd.EndOf(filter.To) is { } end) entries = entries.Where(a => a.At < end);
        if (TryCursor(filter.After, out var at, out var id))
            entries = entries.Where(a => a.At <= at).Where(a => a.At < at || a.Id < id); // the first bounds the index range; the second is the keyset
        return entries;
    }

    /// <summary>
    /// The trail's entries with the filters, newest first. The partner's trail is two branches (its own account, and its work in
    /// clients), each ordered and cut to <paramref name="take"/> before they are merged, so each reads its own index range.
    /// </summary>
    public static async Task<IQueryable<AuditEntry>?> EntriesAsync(PortalDb db, long hubId, bool partner, Filter filter, int? take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        Guid? who = null;
        var systemActor = string.Equals(filter.Who, SystemActor, StringComparison.OrdinalIgnoreCase);
        if (filter.Who is { } email && !systemActor)
        {
            var normalized = EmailAddress.Normalize(email);
            who = await db.DomainUsers.Where(u => u.Email == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (who is null) return null; // nobody by that email: no entry
        }
        if (!partner)
        {
            var own = Narrow(OfClient(db, hubId), filter, who, systemActor);
            return Newest(own, take);
        }
        var inClients = db.AuditEntries.AsNoTracking().Where(a => a.PartnerHubId == hubId);
        if (filter.Client is { } client) inClients = inClients.Where(a => a.AccountHubId == client);
        inClients = Narrow(inClients, filter, who, systemActor);
        if (filter.Client is not null && filter.Client != hubId) return Newest(inClients, take);
        // Its own account's entries not already in the other branch (those have no partner, or another one's).
        var ownAccount = Narrow(db.AuditEntries.AsNoTracking().Where(a => a.AccountHubId == hubId && (a.PartnerHubId == null || a.PartnerHubId != hubId)), filter, who, systemActor);
        return take is null
            ? Newest(inClients.Concat(ownAccount), null)
            : Newest(Newest(inClients, take).Concat(Newest(ownAccount, take)), take);
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries, int? take)
    {
        var ordered = entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
        return take is { } n ? ordered.Take(n) : ordered;
    }

    /// <summary>The rows to show: who by email (or Partner Portal), and the account's name.</summary>
    public static IQueryable<Row> Rows(PortalDb db, IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(db);
        return entries.Select(a => new Row(a.Id, a.At,
            db.DomainUsers.Where(u => u.Id == a.ActorUserId).Select(u => u.Email).FirstOrDefault() ?? SystemActor,
            a.Action, a.Subject, a.Before, a.After, a.AccountHubId,
            db.Accounts.Where(x => x.HubId == a.AccountHubId).Select(x => x.Name).FirstOrDefault() ?? "",
            a.ApiTokenId == null ? null : db.ApiTokens.Where(t => t.Id == a.ApiTokenId).Select(t => t.Name).FirstOrDefault() ?? "a deleted token"));
    }

    /// <summary>A page: up to <see cref="PageSize"/> rows and the cursor of the next, when there is one.</summary>
    public static async Task<(IReadOnlyList<Row> Rows, string? Next)> PageAsync(PortalDb db, long hubId, bool partner, Filter filter, CancellationToken ct)
    {
        var entries = await EntriesAsync(db, hubId, partner, filter, PageSize + 1, ct);
        if (entries is null) return ([], null);
        var rows = await Rows(db, entries).ToListAsync(ct);
        var shown = rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(PageSize).ToList();
        return (shown, rows.Count > PageSize ? Cursor(shown[^1].At, shown[^1].Id) : null);
    }

    /// <summary>Entries a query of the CSV reads: the pages' keyset, a larger page.</summary>
    public const int StreamChunk = 2000;

    /// <summary>Every entry of the trail with the filters, for the CSV: streamed a chunk at a time, never held in memory whole.</summary>
    public static Task<TrailStream> StreamAsync(PortalDb db, long hubId, bool partner, Filter filter, CancellationToken ct) =>
        Task.FromResult(new TrailStream(QueryRows.Chunked(ChunksAsync(db, hubId, partner, filter with { After = null }, ct), db)));

    private static async IAsyncEnumerable<Row> ChunksAsync(PortalDb db, long hubId, bool partner, Filter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (string? after = null; ;)
        {
            var entries = await EntriesAsync(db, hubId, partner, filter with { After = after }, StreamChunk, ct);
            if (entries is null) yield break;
            var rows = (await Rows(db, entries).ToListAsync(ct)).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToList();
            foreach (var row in rows) yield return row;
            if (rows.Count < StreamChunk) yield break;
            after = Cursor(rows[^1].At, rows[^1].Id);
        }
    }

    public static readonly IReadOnlyList<string> CsvHeader = ["When (UTC)", "Who", "Action", "Whom or what", "Before", "After", "Account", "Hub ID", "Through API token"];

    public static string?[] CsvFields(Row r) =>
        [Infrastructure.Csv.Instant(r.At), r.By, r.Action, r.Subject, r.Before, r.After, r.Account, r.AccountHubId.ToString(CultureInfo.InvariantCulture), r.Token];

    /// <summary>Actions the filter offers to pick (any action can be typed).</summary>
    public static readonly IReadOnlyList<string> CommonActions =
    [
        AuditActions.AccessLinkApproved, AuditActions.PartnerEmployeeAdded, AuditActions.PartnerEmployeeRemoved, AuditActions.PermissionSetChanged, AuditActions.ChangedToPartnerAdmin,
        AuditActions.AccessExpired, AuditActions.EndDateSet, AuditActions.EndDateRemoved, AuditActions.PartnerAccessGranted, AuditActions.AccessKeptAfterReview, AuditActions.AccessRemovedAfterReview,
        AuditActions.RelationshipEnded, AuditActions.AccessLinkIssued, AuditActions.AccessLinkReset, AuditActions.BillingOwnerChanged, AuditActions.TwoFactorRequired,
    ];
}

/// <summary>What the trail's partial shows.</summary>
/// <param name="Path">The trail's own address (the filters and the CSV are relative to it).</param>
public sealed record TrailView(string Path, bool IsPartner, Trail.Filter Filter, IReadOnlyList<Trail.Row> Rows, string? Next);

/// <summary>The entries of a CSV export, read from the database as they are written out.</summary>
public sealed record TrailStream(QueryRows<Trail.Row> Rows);

/// <summary>B1: what both trails' pages share — the filters as the address carries them, and the CSV written as it is read.</summary>
public abstract class TrailPage(MediatR.IMediator mediator, bool partner) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    /// <summary>What a trail's page shows: the partner's dashboard header or the client's settings header, and the trail.</summary>
    public sealed record Model(Partner.Dashboard.DashboardHeader? PartnerHeader, ClientAccount.ClientHeader? ClientHeader, TrailView Trail);

    public static Infrastructure.Authorization.AccessRequirement RequirementOf(long hubId, bool partner) => partner
        ? Infrastructure.Authorization.AccessRequirement.InPartner(hubId, Right.ClientAccessManager)
        : Infrastructure.Authorization.AccessRequirement.OwnClient(hubId, Right.AddAndEditUsers);

    public Model? View { get; private set; }

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(long hubId) =>
        Infrastructure.PageResults.ShowListAsync(this, mediator, new TrailQuery(hubId, partner, Filter), new TrailQuery(hubId, partner, new Trail.Filter()), view => View = view);

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetCsvAsync(long hubId) => CsvAsync(mediator, new TrailCsvQuery(hubId, partner, Filter), $"audit-trail-{hubId}.csv");

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "who")] public string? Who { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "whom")] public string? Whom { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "action")] public string? Action { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "client")] public long? Client { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    private Trail.Filter Filter => Trail.Filter.Typed(Who, Whom, Action, From, To, Client, After);


    private async Task<Microsoft.AspNetCore.Mvc.IActionResult> CsvAsync(MediatR.IMediator mediator, MediatR.IRequest<Infrastructure.Result<TrailStream>> query, string fileName)
    {
        var result = await mediator.Send(query, HttpContext.RequestAborted);
        if (!result.Succeeded) return Infrastructure.PageResults.Refusal(this, result);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await Infrastructure.Csv.WriteAsync(Response.Body, Trail.CsvHeader, result.Value.Rows, Trail.CsvFields, HttpContext.RequestAborted);
        return new Microsoft.AspNetCore.Mvc.EmptyResult();
    }
}

/// <summary>A trail's page: the partner's (Super Admin or Client access manager) or the client's (Super Admin or Add and edit users).</summary>
[Infrastructure.Authorization.ApiScope(ApiScopes.Audit)]
public sealed record TrailQuery(long HubId, bool Partner, Trail.Filter Filter) : MediatR.IRequest<Infrastructure.Result<TrailPage.Model>>, Infrastructure.Authorization.IAccountRequest
{
    public Infrastructure.Authorization.AccessRequirement Requirement => TrailPage.RequirementOf(HubId, Partner);
}

/// <summary>A trail's CSV, with the same requirement and filters.</summary>
public sealed record TrailCsvQuery(long HubId, bool Partner, Trail.Filter Filter) : MediatR.IRequest<Infrastructure.Result<TrailStream>>, Infrastructure.Authorization.IAccountRequest
{
    public Infrastructure.Authorization.AccessRequirement Requirement => TrailPage.RequirementOf(HubId, Partner);
}

public sealed class TrailQueryValidator : AbstractValidator<TrailQuery>
{
    public TrailQueryValidator() => Trail.Rules(this, q => q.Filter);
}

public sealed class TrailCsvQueryValidator : AbstractValidator<TrailCsvQuery>
{
    public TrailCsvQueryValidator() => Trail.Rules(this, q => q.Filter);
}

public sealed class TrailQueryHandler(PortalDb db, Infrastructure.Authorization.AccessScope scope) : MediatR.IRequestHandler<TrailQuery, Infrastructure.Result<TrailPage.Model>>
{
    public async Task<Infrastructure.Result<TrailPage.Model>> Handle(TrailQuery request, CancellationToken cancellationToken)
    {
        var (rows, next) = await Trail.PageAsync(db, request.HubId, request.Partner, request.Filter, cancellationToken);
        var view = new TrailView(request.Partner ? $"/{request.HubId}/partner/audit-trail" : $"/{request.HubId}/client/audit-trail", request.Partner, request.Filter, rows, next);
        return request.Partner
            ? new TrailPage.Model(Partner.Dashboard.DashboardHeader.For(scope.Account, Partner.Dashboard.DashboardHeader.AuditTrail), null, view)
            : new TrailPage.Model(null, ClientAccount.ClientHeader.For(scope.Account, ClientAccount.ClientHeader.AuditTrail), view);
    }
}

public sealed class TrailCsvQueryHandler(PortalDb db) : MediatR.IRequestHandler<TrailCsvQuery, Infrastructure.Result<TrailStream>>
{
    public async Task<Infrastructure.Result<TrailStream>> Handle(TrailCsvQuery request, CancellationToken cancellationToken) =>
        await Trail.StreamAsync(db, request.HubId, request.Partner, request.Filter, cancellationToken);
}
