using System.Globalization;
using PartnerPortal.Web.Pages.Partner.ClientAccessManager;
using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner.AccessReviews;

/// <summary>
/// B5: Dashboard → Access reviews. Every stale access of the partner's employees across its clients, keyset-paged; keep or
/// remove the ticked ones (up to a page at once, set-wise) with a reason that the client reads in its trail. Start a review
/// (due in two weeks) and complete it; the partner's period and the quarterly schedule. Super Admins and Client access managers.
/// </summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "after")] public int? After { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) => this.ShowListAsync(mediator, new Query(hubId, After), new Query(hubId), view => View = view);

    public Task<IActionResult> OnPostDecideAsync(long hubId, [FromForm(Name = "access")] List<string>? access, [FromForm(Name = "decision")] string? decision,
        [FromForm(Name = "reason")] string? reason) =>
        this.SubmitAsync(mediator, new Decide(hubId, access ?? [], decision ?? "", reason), this.FlashThen(() => RedirectToPage(new { hubId })), () => OnGetAsync(hubId));

    public Task<IActionResult> OnPostStartAsync(long hubId) =>
        this.SubmitAsync(mediator, new Start(hubId), this.FlashThen(() => RedirectToPage(new { hubId })), () => OnGetAsync(hubId));

    public Task<IActionResult> OnPostCompleteAsync(long hubId) =>
        this.SubmitAsync(mediator, new Complete(hubId), this.FlashThen(() => RedirectToPage(new { hubId })), () => OnGetAsync(hubId));

    public Task<IActionResult> OnPostPolicyAsync(long hubId, [FromForm(Name = "days")] int days, [FromForm(Name = "quarterly")] bool quarterly) =>
        this.SubmitAsync(mediator, new Policy(hubId, days, quarterly), this.FlashThen(() => RedirectToPage(new { hubId })), () => OnGetAsync(hubId));

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long HubId, int? After = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.After).GreaterThan(0).When(q => q.After is not null).WithMessage("That page of the review does not exist.");
    }

    /// <param name="Key">The access as the form names it: "client Hub ID:user id".</param>
    public sealed record Row(int Id, string Key, long ClientHubId, string ClientName, Guid UserId, string Name, string Email, string Access, DateTimeOffset GrantedAt,
        DateTimeOffset? LastActivity);

    public sealed record Review(DateTimeOffset StartedAt, string StartedBy, DateTimeOffset DueAt, bool Overdue, int Kept, int Removed);

    /// <param name="Stale">How many stale accesses there are, counted up to <see cref="Paging.CountAhead"/> (<paramref name="More"/> beyond).</param>
    public sealed record Model(DashboardHeader Header, int StaleAfterDays, bool Quarterly, Review? Open, IReadOnlyList<Row> Rows, int? Next, bool First, int Stale, bool More,
        IReadOnlyList<Review> Past);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var policy = scope.Account; // read with the gate's own statement
            var cutoff = Staleness.Cutoff(policy.StaleAfterDays, now);
            var stale = Staleness.StaleOf(db, request.HubId, cutoff);
            var counted = await stale.Take(Paging.CountAhead + 1).CountAsync(cancellationToken);
            var page = stale.AsNoTracking();
            if (request.After is { } after) page = page.Where(m => m.Id > after);
            var rows = await page.OrderBy(m => m.Id).Take(Query.PageSize + 1)
                .Select(m => new
                {
                    m.Id, m.AccountHubId, ClientName = m.AccountName, m.UserId, m.UserName, m.UserEmail, m.AccessType, Set = m.PermissionSet!.Name, m.Seat, m.KeepsBilling,
                    m.PartnerAccessSince, m.GrantedAt,
                    Last = db.QualifyingActivities.Where(a => a.ClientHubId == m.AccountHubId && a.UserId == m.UserId).Max(a => (DateTimeOffset?)a.At),
                })
                .ToListAsync(cancellationToken);
            var shown = rows.Take(Query.PageSize).Select(r => new Row(r.Id, Key(r.AccountHubId, r.UserId), r.AccountHubId, r.ClientName, r.UserId, r.UserName, r.UserEmail,
                Membership.Describe(r.AccessType, r.Set, r.Seat, r.KeepsBilling, r.PartnerAccessSince is not null), r.GrantedAt, r.Last)).ToList();
            var reviews = await db.AccessReviews.AsNoTracking().Where(r => r.PartnerHubId == request.HubId).OrderByDescending(r => r.StartedAt).Take(6)
                .Select(r => new
                {
                    r.StartedAt, r.DueAt, r.CompletedAt, r.Kept, r.Removed,
                    By = db.DomainUsers.Where(u => u.Id == r.StartedByUserId).Select(u => u.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            Review Of(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset? completedAt, string? by, int kept, int removed) =>
                new(startedAt, by ?? "The quarterly schedule", dueAt, completedAt is null && now > dueAt, kept, removed);
            var open = reviews.FirstOrDefault(r => r.CompletedAt is null);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.AccessReviews), policy.StaleAfterDays, policy.QuarterlyReview,
                open is null ? null : Of(open.StartedAt, open.DueAt, null, open.By, open.Kept, open.Removed),
                shown, rows.Count > Query.PageSize ? shown[^1].Id : null, request.After is null, Math.Min(counted, Paging.CountAhead), counted > Paging.CountAhead,
                reviews.Where(r => r.CompletedAt is not null).Take(5).Select(r => Of(r.StartedAt, r.DueAt, r.CompletedAt, r.By, r.Kept, r.Removed)).ToList());
        }
    }

    public static string Key(long clientHubId, Guid userId) => $"{clientHubId.ToString(CultureInfo.InvariantCulture)}:{userId}";

    public static bool TryKey(string? key, out long clientHubId, out Guid userId)
    {
        clientHubId = 0;
        userId = Guid.Empty;
        var parts = key?.Split(':');
        return parts is { Length: 2 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out clientHubId) && clientHubId > 0
            && Guid.TryParse(parts[1], out userId);
    }

    /// <param name="Decision">"keep" or "remove".</param>
    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Decide(long HubId, IReadOnlyList<string> Access, string Decision, string? Reason) : ICommand<Result<string>>, IAccountRequest
    {
        public const int Max = 1000;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class DecideValidator : AbstractValidator<Decide>
    {
        public DecideValidator()
        {
            RuleFor(d => d.Access).NotEmpty().WithMessage("Tick at least one access to keep or remove.")
                .Must(a => a.Count <= Decide.Max).WithMessage($"Decide on at most {Decide.Max} at a time.")
                .Must(a => a.All(k => TryKey(k, out _, out _))).WithMessage("Tick accesses from the list.");
            RuleFor(d => d.Decision).Must(d => d is "keep" or "remove").WithMessage("Choose Keep or Remove.");
            RuleFor(d => d.Reason).NotEmpty().WithMessage("Give a reason: the client reads it in its audit trail.")
                .MaximumLength(Account.ReasonLength).WithMessage($"Keep the reason to {Account.ReasonLength} characters.");
        }
    }

    public sealed class DecideHandler(PortalDb db, RemovePartnerEmployees.Planner planner, AccessScope scope, TimeProvider clock) : IRequestHandler<Decide, Result<string>>
    {
        /// <summary>Set-wise: the clients concerned are read at once, decided in memory, and saved in one SaveChanges (R12 and the trail follow).</summary>
        public async Task<Result<string>> Handle(Decide request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var ticked = request.Access.Select(k => TryKey(k, out var c, out var u) ? new RemovePartnerEmployees.Pair(c, u) : null!).Distinct().ToList();
            // B5: a review decides stale access only — whatever else is posted is not on the list, and is left alone.
            var clientIds = ticked.Select(p => p.ClientHubId).Distinct().ToList();
            var userIds = ticked.Select(p => p.UserId).Distinct().ToList();
            var stale = (await Staleness.StaleOf(db, request.HubId, Staleness.Cutoff(scope.Account.StaleAfterDays, now))
                .Where(m => clientIds.Contains(m.AccountHubId) && userIds.Contains(m.UserId))
                .Select(m => new { m.AccountHubId, m.UserId }).ToListAsync(cancellationToken))
                .Select(m => new RemovePartnerEmployees.Pair(m.AccountHubId, m.UserId)).ToHashSet();
            var pairs = ticked.Where(stale.Contains).ToList();
            if (pairs.Count == 0) return Failure.Refused("None of the ticked access is stale any more: look at the list again.");
            var reason = request.Reason!.Trim();
            var actor = scope.PartnerActor;
            int kept = 0, removed = 0, stayed = 0;
            if (request.Decision == "keep")
            {
                var staleClients = pairs.Select(p => p.ClientHubId).Distinct().ToList();
                var clients = await db.ClientAccounts.WithMembers().Where(a => staleClients.Contains(a.HubId)).ToListAsync(cancellationToken);
                foreach (var client in clients)
                    kept += client.KeepAfterReview(pairs.Where(p => p.ClientHubId == client.HubId).Select(p => p.UserId).ToList(), request.HubId, actor, reason, now);
                if (kept == 0) return Failure.NotFound; // none of them is this partner's access
            }
            else
            {
                // R20's reading, by the partner's authority: the clients, their relationships and R12's clock, one read each.
                var plan = await planner.PlanAsync(request.HubId, pairs, cancellationToken, byPartner: true);
                if (!plan.Succeeded) return plan.AsFailure();
                foreach (var group in pairs.GroupBy(p => p.ClientHubId))
                {
                    var stays = plan.Value.Clients[group.Key].RemoveAfterReview(group.Select(p => p.UserId).ToList(), request.HubId, actor, reason, now).Count;
                    stayed += stays;
                    removed += group.Count() - stays;
                }
            }
            var open = await db.AccessReviews.SingleOrDefaultAsync(r => r.OpenFor == request.HubId, cancellationToken);
            open?.Count(kept, removed);
            await db.SaveChangesAsync(cancellationToken);
            var text = request.Decision == "keep" ? $"Kept {Access(kept)}; each client's trail shows the reason." : $"Removed {Access(removed)}; each client's trail shows the reason.";
            if (stayed > 0) text += $" {Access(stayed)} stayed: a Super Admin of a client, whom only that client removes; its Super Admins are told.";
            return text;
        }

        private static string Access(int n) => n == 1 ? "1 access" : $"{n} accesses";
    }

    public sealed record Start(long HubId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class StartHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Start, Result<string>>
    {
        public async Task<Result<string>> Handle(Start request, CancellationToken cancellationToken)
        {
            if (await db.AccessReviews.AnyAsync(r => r.OpenFor == request.HubId, cancellationToken))
                return Failure.Refused("A review is already open: complete it before starting another.");
            var review = new AccessReview(request.HubId, scope.Account.Membership.UserId, clock.GetUtcNow());
            db.AccessReviews.Add(review);
            await db.SaveChangesAsync(cancellationToken); // the unique open key holds two starts at once to one review
            return $"Review started: keep or remove each stale access by {review.DueAt.UtcDateTime.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}.";
        }
    }

    public sealed record Complete(long HubId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CompleteHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Complete, Result<string>>
    {
        public async Task<Result<string>> Handle(Complete request, CancellationToken cancellationToken)
        {
            var review = await db.AccessReviews.SingleOrDefaultAsync(r => r.OpenFor == request.HubId, cancellationToken);
            if (review is null) return Failure.Refused("No review is open.");
            review.Complete(scope.Account.Membership.UserId, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return $"Review completed: {review.Kept} kept, {review.Removed} removed.";
        }
    }

    public sealed record Policy(long HubId, int Days, bool Quarterly) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class PolicyHandler(PortalDb db, AccessScope scope) : IRequestHandler<Policy, Result<string>>
    {
        public async Task<Result<string>> Handle(Policy request, CancellationToken cancellationToken)
        {
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var outcome = partner.SetReviewPolicy(request.Days, request.Quarterly);
            if (!outcome.Succeeded) return Failure.Invalid([new FieldError("days", outcome.Refusal!)]);
            await db.SaveChangesAsync(cancellationToken);
            return $"Access is stale after {request.Days} days without activity." + (request.Quarterly ? " A review starts each quarter." : "");
        }
    }
}
