using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>
/// R27: the partner's Partner Access requests, newest first, with their state (Submitted, Approved, Rejected, Withdrawn), the
/// expected decision date (3 business days) and a rejection's reason; a pending one can be withdrawn. The bulk files uploaded
/// lately are listed with their counts.
/// </summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "state")] public PartnerAccessRequestState? State { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, State, PageNumber), new Query(hubId), view => View = view);

    public Task<IActionResult> OnPostWithdrawAsync(long hubId, [FromForm(Name = "request")] int requestId) =>
        this.SubmitAsync(mediator, new Withdraw(hubId, requestId), this.FlashThen(() => RedirectToPage(new { hubId })),
            () => this.ShowListAsync(mediator, new Query(hubId), new Query(hubId), view => View = view));

    public sealed record Query(long HubId, PartnerAccessRequestState? State = null, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Page).IsPageNumber();
            RuleFor(q => q.State).IsInEnum().WithMessage("Show the requests Submitted, Approved, Rejected or Withdrawn.");
        }
    }

    public sealed record Row(int Id, string ClientName, long ClientHubId, string ForName, string ForEmail, string RequestedBy, DateTimeOffset SubmittedAt,
        PartnerAccessRequestState State, DateOnly DecisionDueOn, DateTimeOffset? DecidedAt, string? Reason);

    public sealed record Upload(Guid Id, string FileName, DateTimeOffset At, int Submitted, int Refused, int Invalid);

    public sealed record Model(DashboardHeader Header, IReadOnlyList<Row> Requests, Paging Paging, PartnerAccessRequestState? State, IReadOnlyList<Upload> Uploads);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var requests = db.PartnerAccessRequests.AsNoTracking().Where(r => r.PartnerHubId == request.HubId);
            if (request.State is { } state) requests = requests.Where(r => r.State == state);
            var paging = await Paging.CountAsync(requests, request.Page, Query.PageSize, cancellationToken);
            var rows = await requests.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Skip(paging.Skip).Take(Query.PageSize)
                .Select(r => new Row(r.Id,
                    db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.Name).First(), r.ClientHubId,
                    db.DomainUsers.Where(u => u.Id == r.ForUserId).Select(u => u.Name).FirstOrDefault() ?? "A former user",
                    db.DomainUsers.Where(u => u.Id == r.ForUserId).Select(u => u.Email).FirstOrDefault() ?? "",
                    db.DomainUsers.Where(u => u.Id == r.RequestedByUserId).Select(u => u.Name).FirstOrDefault() ?? "A former user",
                    r.SubmittedAt, r.State, r.DecisionDueOn, r.DecidedAt, r.Reason))
                .ToListAsync(cancellationToken);
            var uploads = await db.PartnerAccessUploads.AsNoTracking().Where(u => u.PartnerHubId == request.HubId)
                .OrderByDescending(u => u.At).Take(5)
                .Select(u => new Upload(u.Id, u.FileName, u.At, u.Submitted, u.Refused, u.Invalid))
                .ToListAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.PartnerAccess), rows, paging, request.State, uploads);
        }
    }

    public sealed record Withdraw(long HubId, int RequestId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class WithdrawHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Withdraw, Result<string>>
    {
        public async Task<Result<string>> Handle(Withdraw request, CancellationToken cancellationToken)
        {
            // Another partner's request is not found.
            var found = await db.PartnerAccessRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId && r.PartnerHubId == request.HubId, cancellationToken);
            if (found is null) return Failure.NotFound;
            var outcome = found.Withdraw(scope.Account.Membership.UserId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            return "The request was withdrawn.";
        }
    }
}
