using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Pages.Partner.PartnerAccess;

namespace PartnerPortal.Web.Pages.Review;

/// <summary>
/// R27: the reviewers' queue — pending Partner Access requests, the most due first, each with its conditions read again now
/// (one that no longer holds is shown). Approve grants Partner Access in the client (refused, by name, when a condition no
/// longer holds); Reject needs a reason. The partner's users are told either way; an approval carries the sales email
/// integration warning. Only Partner Access reviewers open it; "Assigned to me" narrows it to the partners whose channel
/// consultant you are.
/// </summary>
public class PartnerAccessModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "mine")] public bool Mine { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public Task<IActionResult> OnPostApproveAsync([FromForm(Name = "request")] int requestId) =>
        this.SubmitAsync(mediator, new Approve(requestId), this.FlashThen(() => RedirectToPage(new { mine = Mine ? "true" : null })), ShowAsync);

    public Task<IActionResult> OnPostRejectAsync([FromForm(Name = "request")] int requestId, [FromForm(Name = "reason")] string? reason) =>
        this.SubmitAsync(mediator, new Reject(requestId, reason), this.FlashThen(() => RedirectToPage(new { mine = Mine ? "true" : null })), ShowAsync);

    private Task<IActionResult> ShowAsync() => this.ShowListAsync(mediator, new Query(Mine, PageNumber), new Query(), view => View = view);

    /// <summary>Whether the signed-in user is a Partner Access reviewer: refused (403) when not.</summary>
    public sealed record ProbeQuery : IRequest<Result<bool>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PartnerAccessReviewer;
    }

    public sealed class ProbeQueryHandler : IRequestHandler<ProbeQuery, Result<bool>>
    {
        public Task<Result<bool>> Handle(ProbeQuery request, CancellationToken cancellationToken) => Task.FromResult<Result<bool>>(true);
    }

    public sealed record Query(bool Mine = false, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        public AccessRequirement Requirement => AccessRequirement.PartnerAccessReviewer;
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    public sealed record Row(int Id, string PartnerName, long PartnerHubId, string ClientName, long ClientHubId, string ForName, string ForEmail,
        string RequestedBy, DateTimeOffset SubmittedAt, DateOnly DecisionDueOn, IReadOnlyList<PartnerAccessRequest.Condition> Conditions)
    {
        public bool AllMet => Conditions.All(c => c.Met);
    }

    public sealed record Model(IReadOnlyList<Row> Pending, Paging Paging, bool Mine, DateOnly Today);

    public sealed class QueryHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var pending = db.PartnerAccessRequests.AsNoTracking().Where(r => r.State == PartnerAccessRequestState.Submitted);
            if (request.Mine)
            {
                var mine = db.Accounts.Where(a => a.ChannelConsultantUserId == me.UserId).Select(a => a.HubId);
                pending = pending.Where(r => mine.Contains(r.PartnerHubId));
            }
            var paging = await Paging.CountAsync(pending, request.Page, Query.PageSize, cancellationToken);
            var page = await pending.OrderBy(r => r.DecisionDueOn).ThenBy(r => r.SubmittedAt).ThenBy(r => r.Id).Skip(paging.Skip).Take(Query.PageSize)
                .Select(r => new
                {
                    r.Id, r.PartnerHubId, r.ClientHubId, r.ForUserId, r.SubmittedAt, r.DecisionDueOn,
                    // One column per subquery, each a probe of a primary key: a subquery of several columns becomes, in EF
                    // Core's SQL, a join to a ROW_NUMBER() over every account or user of the platform (125 ms at 10,000 clients).
                    PartnerName = db.Accounts.Where(a => a.HubId == r.PartnerHubId).Select(a => a.Name).First(),
                    ClientName = db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.Name).First(),
                    ClientKind = db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.Kind).First(),
                    ClientSalesSeats = db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.PaidSalesHubSeats).First(),
                    ClientServiceSeats = db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.PaidServiceHubSeats).First(),
                    ForName = db.DomainUsers.Where(u => u.Id == r.ForUserId).Select(u => u.Name).FirstOrDefault(),
                    ForEmail = db.DomainUsers.Where(u => u.Id == r.ForUserId).Select(u => u.Email).FirstOrDefault(),
                    RequestedBy = db.DomainUsers.Where(u => u.Id == r.RequestedByUserId).Select(u => u.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            // R27: the facts as they are now, for the whole page at once.
            var accounts = page.SelectMany(r => new[] { r.PartnerHubId, r.ClientHubId }).Distinct().ToList();
            var users = page.Select(r => r.ForUserId).Distinct().ToList();
            var held = (await db.Memberships.AsNoTracking().Where(m => accounts.Contains(m.AccountHubId) && users.Contains(m.UserId))
                    .Select(m => new { m.AccountHubId, m.UserId, m.AccessType }).ToListAsync(cancellationToken))
                .ToDictionary(m => (m.AccountHubId, m.UserId), m => m.AccessType);
            var rows = page.Select(r => new Row(r.Id, r.PartnerName, r.PartnerHubId, r.ClientName, r.ClientHubId, r.ForName ?? "A former user", r.ForEmail ?? "",
                    r.RequestedBy ?? "A former user", r.SubmittedAt, r.DecisionDueOn,
                    PartnerAccessRequest.Conditions(new PartnerAccessFacts(
                        held.TryGetValue((r.ClientHubId, r.ForUserId), out var there) && AccessPolicy.Administers(there),
                        held.ContainsKey((r.PartnerHubId, r.ForUserId)),
                        PartnerAccessFacts.HasPaidSeat(r.ClientSalesSeats, r.ClientServiceSeats),
                        r.ClientKind == AccountKind.Partner))))
                .ToList();
            return new Model(rows, paging, request.Mine, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        }
    }

    public sealed record Approve(int RequestId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PartnerAccessReviewer;
    }

    public sealed class ApproveHandler(PortalDb db, ICurrentUser me, TimeProvider clock, Decisions decisions) : IRequestHandler<Approve, Result<string>>
    {
        public async Task<Result<string>> Handle(Approve request, CancellationToken cancellationToken)
        {
            var found = await db.PartnerAccessRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId, cancellationToken);
            if (found is null) return Failure.NotFound;
            var client = await db.ClientAccounts.WithMembers().SingleOrDefaultAsync(a => a.HubId == found.ClientHubId, cancellationToken);
            if (client is null) return Failure.NotFound; // R25: a request is never for a partner account
            var isUserOfPartner = await db.Memberships.AnyAsync(m => m.AccountHubId == found.PartnerHubId && m.UserId == found.ForUserId, cancellationToken);
            var outcome = client.GrantPartnerAccess(found, isUserOfPartner, me.UserId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            var told = await decisions.TellAsync(found, client.Name, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return $"Approved: {told} now has Partner Access in {client.Name}, and was told.";
        }
    }

    public sealed record Reject(int RequestId, string? Reason) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PartnerAccessReviewer;
    }

    public sealed class RejectValidator : AbstractValidator<Reject>
    {
        public RejectValidator() =>
            RuleFor(r => r.Reason).NotEmpty().WithMessage("Give the reason for rejecting the request: the partner reads it.")
                .MaximumLength(500).WithMessage("The reason has at most 500 characters.");
    }

    public sealed class RejectHandler(PortalDb db, ICurrentUser me, TimeProvider clock, Decisions decisions) : IRequestHandler<Reject, Result<string>>
    {
        public async Task<Result<string>> Handle(Reject request, CancellationToken cancellationToken)
        {
            var found = await db.PartnerAccessRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId, cancellationToken);
            if (found is null) return Failure.NotFound;
            var outcome = found.Reject(me.UserId, request.Reason, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            var clientName = await db.Accounts.Where(a => a.HubId == found.ClientHubId).Select(a => a.Name).SingleAsync(cancellationToken);
            var told = await decisions.TellAsync(found, clientName, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return $"Rejected: {told} was told the reason.";
        }
    }

    /// <summary>R27: the partner user the request is for, and whoever requested it, hear the decision.</summary>
    public sealed class Decisions(PortalDb db, MailOutbox mail, PublicUrls urls)
    {
        public async Task<string> TellAsync(PartnerAccessRequest request, string clientName, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(request);
            var people = await db.DomainUsers.AsNoTracking().Where(u => u.Id == request.ForUserId || u.Id == request.RequestedByUserId)
                .Select(u => new { u.Id, u.Email, u.Name }).ToListAsync(ct);
            var partnerName = await db.Accounts.AsNoTracking().Where(a => a.HubId == request.PartnerHubId).Select(a => a.Name).SingleAsync(ct);
            var forName = people.FirstOrDefault(p => p.Id == request.ForUserId)?.Name ?? "A former user";
            var approved = request.State == PartnerAccessRequestState.Approved;
            foreach (var person in people)
                mail.Enqueue(new Recipient(person.Id, person.Email, person.Name), NotificationKind.PartnerAccessDecided, approved ? $"Partner Access approved in {clientName}" : $"Partner Access request rejected for {clientName}",
                    $"Hello {person.Name},\n\n" + (approved
                        ? $"{forName} now has Partner Access in {clientName}: paid-seat functionality that uses none of the client's paid seats.\n\n{PartnerAccessWording.SalesEmailWarning}"
                        : $"The Partner Access request for {forName} in {clientName} was rejected. The reason: {request.Reason}") +
                    $"\n\n{partnerName}'s requests: {urls.Absolute($"/{request.PartnerHubId}/partner/partner-access")}\n\nPartner Portal", $"/{request.PartnerHubId}/partner/partner-access");
            return forName;
        }
    }
}
