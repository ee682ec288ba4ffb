using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>
/// R25, R26: Request Partner Access for one client. Choose a client the partner services (search by name or Hub ID) and the
/// partner user it is for (yourself unless you name another); every condition is then shown by name with its state, and
/// how to meet it when it does not hold. Submit request is offered only when all hold, and the command judges again.
/// </summary>
public class RequestModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "client")] public long? ClientHubId { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")] public string? UserEmail { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) => ShowAsync(hubId);

    public Task<IActionResult> OnPostAsync(long hubId) =>
        this.SubmitAsync(mediator, new Command(hubId, ClientHubId ?? 0, UserEmail),
            this.FlashThen(() => RedirectToPage("/Partner/PartnerAccess/Index", new { hubId })), () => ShowAsync(hubId));

    private Task<IActionResult> ShowAsync(long hubId) =>
        this.ShowListAsync(mediator, new Query(hubId, ClientHubId, UserEmail, Search), new Query(hubId), view => View = view);

    public sealed record Query(long HubId, long? ClientHubId = null, string? UserEmail = null, string? Search = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Search).IsSearch("clients");
            RuleFor(q => q.ClientHubId).GreaterThan(0).WithMessage("A Hub ID is a whole number above 0.");
            RuleFor(q => q.UserEmail).MaximumLength(254).WithMessage("An email address has at most 254 characters.");
        }
    }

    public sealed record Choice(long HubId, string Name);

    /// <param name="Check">The conditions judged for the client and user chosen, or null before both are.</param>
    public sealed record Model(DashboardHeader Header, string YourEmail, IReadOnlyList<Choice> Matches, string? Search, long? ClientHubId, string? ClientName,
        string UserEmail, Submissions.RowResult? Check);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, Submissions submissions) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = scope.Account.Membership;
            var email = string.IsNullOrWhiteSpace(request.UserEmail) ? me.UserEmail : request.UserEmail.Trim();
            var serviced = db.CurrentRelationships.AsNoTracking()
                .Where(r => r.PartnerHubId == request.HubId)
                .Select(r => r.ClientHubId);
            IReadOnlyList<Choice> matches = [];
            var search = Picker.Search(request.Search, db);
            if (search is not null)
                matches = await db.Accounts.AsNoTracking().Where(a => serviced.Contains(a.HubId)).Where(Picker.Matches(search, []))
                    .OrderBy(a => a.Name).ThenBy(a => a.HubId).Take(Picker.Size)
                    .Select(a => new Choice(a.HubId, a.Name)).ToListAsync(cancellationToken);
            var check = request.ClientHubId is { } clientHubId
                ? (await submissions.JudgeAsync(request.HubId, scope.Account.Name, me.UserId, [new RequestFile.Row(1, $"{clientHubId}", email)], checkOnly: true,
                    cancellationToken))[0]
                : null;
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.PartnerAccess), me.UserEmail, matches, request.Search,
                request.ClientHubId, check?.ClientName, email, check);
        }
    }

    public sealed record Command(long HubId, long ClientHubId, string? UserEmail) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.ClientHubId).GreaterThan(0).WithMessage("Choose the client.");
            RuleFor(c => c.UserEmail).MaximumLength(254).WithMessage("An email address has at most 254 characters.");
        }
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, Submissions submissions) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = scope.Account.Membership;
            var email = string.IsNullOrWhiteSpace(request.UserEmail) ? me.UserEmail : request.UserEmail.Trim();
            var result = (await submissions.JudgeAsync(request.HubId, scope.Account.Name, me.UserId,
                [new RequestFile.Row(1, $"{request.ClientHubId}", email)], checkOnly: false, cancellationToken))[0];
            if (result.Verdict != Submissions.Verdict.Submitted) return Failure.Refused(result.Detail);
            await db.SaveChangesAsync(cancellationToken);
            return result.Detail;
        }
    }
}
