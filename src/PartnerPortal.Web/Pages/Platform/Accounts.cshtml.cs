using Microsoft.Extensions.Options;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Pages.Platform;

/// <summary>
/// O2: the platform operator's list of every account on the installation (search by name or Hub ID, paged), where they
/// suspend and reactivate an account and create one — an invitation emailed to its owner, who takes it as Super Admin.
/// </summary>
public class AccountsModel(IMediator mediator, IOptions<SignUpOptions> signUp) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public Invite Data { get; set; } = new();

    public Model? View { get; private set; }

    public SignUpMode Mode => signUp.Value.Mode;

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public Task<IActionResult> OnPostSuspendAsync([FromForm(Name = "hubId")] long hubId) =>
        this.SubmitAsync(mediator, new Suspend(hubId, true), this.FlashThen(Back), ShowAsync);

    public Task<IActionResult> OnPostReactivateAsync([FromForm(Name = "hubId")] long hubId) =>
        this.SubmitAsync(mediator, new Suspend(hubId, false), this.FlashThen(Back), ShowAsync);

    public Task<IActionResult> OnPostInviteAsync() => this.SubmitAsync(mediator, Data, this.FlashThen(Back), ShowAsync, nameof(Data));

    private IActionResult Back() => RedirectToPage(new { q = Search, p = PageNumber > 1 ? PageNumber : (int?)null });

    private Task<IActionResult> ShowAsync() => this.ShowListAsync(mediator, new Query(Search, PageNumber), new Query(), view => View = view);

    /// <summary>Whether the signed-in user is the platform operator: refused (403) when not.</summary>
    public sealed record ProbeQuery : IRequest<Result<bool>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class ProbeQueryHandler : IRequestHandler<ProbeQuery, Result<bool>>
    {
        public Task<Result<bool>> Handle(ProbeQuery request, CancellationToken cancellationToken) => Task.FromResult<Result<bool>>(true);
    }

    public sealed record Query(string? Search = null, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Page).IsPageNumber();
            RuleFor(q => q.Search).IsSearch("a name or Hub ID");
        }
    }

    public sealed record Row(long HubId, string Name, AccountKind Kind, int Users, bool Suspended);

    public sealed record Model(IReadOnlyList<Row> Accounts, Paging Paging, string? Search, int OpenSignUps);

    public sealed class QueryHandler(PortalDb db, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var accounts = db.Accounts.AsNoTracking();
            if (Picker.Search(request.Search, db) is { } search) accounts = accounts.Where(Picker.Matches(search, []));
            var paging = await Paging.CountAsync(accounts, request.Page, Query.PageSize, cancellationToken);
            var rows = await accounts.OrderBy(a => a.Name).ThenBy(a => a.HubId).Skip(paging.Skip).Take(Query.PageSize)
                .Select(a => new Row(a.HubId, a.Name, a.Kind, db.Memberships.Count(m => m.AccountHubId == a.HubId), a.SuspendedAt != null))
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var open = await db.AccountSignUps.CountAsync(s => s.OpenFor != null && s.ExpiresAt > now, cancellationToken);
            return new Model(rows, paging, request.Search, open);
        }
    }

    public sealed record Suspend(long HubId, bool On) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class SuspendHandler(PortalDb db, TimeProvider clock) : IRequestHandler<Suspend, Result<string>>
    {
        public async Task<Result<string>> Handle(Suspend request, CancellationToken cancellationToken)
        {
            var account = await db.Accounts.SingleOrDefaultAsync(a => a.HubId == request.HubId, cancellationToken);
            if (account is null) return Failure.NotFound;
            var outcome = request.On ? account.Suspend(clock.GetUtcNow()) : account.Reactivate();
            await db.SaveChangesAsync(cancellationToken);
            return request.On
                ? outcome.Changed ? $"{account.Name} is suspended: its users cannot act in it until you reactivate it. Nothing in it is deleted." : $"{account.Name} was suspended already."
                : outcome.Changed ? $"{account.Name} is active again." : $"{account.Name} was active already.";
        }
    }

    /// <summary>Create an account: the owner gets the link to take it (and, by invitation, may name it themselves).</summary>
    public sealed record Invite : ICommand<Result<string>>, IAccountRequest
    {
        public AccountKind Kind { get; init; } = AccountKind.Partner;
        public string? AccountName { get; init; }
        public string OwnerName { get; init; } = "";
        public string Email { get; init; } = "";

        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class InviteValidator : AbstractValidator<Invite>
    {
        public InviteValidator(IOptions<SignUpOptions> signUp)
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a partner agency or a client.");
            RuleFor(c => c.AccountName).MaximumLength(200).WithMessage("A name has at most 200 characters.");
            // By invitation, the owner may name their own account; otherwise the operator names it.
            if (signUp.Value.Mode != SignUpMode.Invitation)
                RuleFor(c => c.AccountName).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the account's name.");
            RuleFor(c => c.OwnerName).IsName("the owner's name");
            RuleFor(c => c.Email).IsEmail("the owner's");
        }
    }

    public sealed class InviteHandler(AccountFounding founding, PortalDb db, ICurrentUser me) : IRequestHandler<Invite, Result<string>>
    {
        public async Task<Result<string>> Handle(Invite request, CancellationToken cancellationToken)
        {
            var operatorName = await db.DomainUsers.Where(u => u.Id == me.UserId).Select(u => u.Name).SingleAsync(cancellationToken);
            await founding.OpenAsync(request.Kind, request.AccountName?.Trim(), request.OwnerName.Trim(), request.Email, me.UserId, operatorName, cancellationToken);
            var email = EmailAddress.Normalize(request.Email);
            return $"We emailed {email} a link to take the {(request.Kind == AccountKind.Partner ? "partner agency" : "client")} account" +
                   (string.IsNullOrWhiteSpace(request.AccountName) ? "" : $" {request.AccountName.Trim()}") +
                   $": it is made, with them as its Super Admin, when they open it (within {AccountSignUp.Lifetime.Days} days).";
        }
    }
}
