using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Pages.Platform;

/// <summary>
/// R27, O2: the operator's page of Partner Access reviewers and channel consultants — what the <c>operators</c> command
/// does, through the same <see cref="ReviewerRoster"/>. Someone new made a reviewer here is emailed the welcome link to
/// choose a password (in no account); someone who signs in is told.
/// </summary>
public class ReviewersModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public AddReviewer Data { get; set; } = new();
    [BindProperty] public SetConsultant Assign { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public Task<IActionResult> OnPostAddAsync() => this.SubmitAsync(mediator, Data, this.FlashThen(Back), ShowAsync, nameof(Data));

    public Task<IActionResult> OnPostRemoveAsync([FromForm(Name = "email")] string? email) =>
        this.SubmitAsync(mediator, new RemoveReviewer(email ?? ""), this.FlashThen(Back), ShowAsync);

    public Task<IActionResult> OnPostConsultantAsync() => this.SubmitAsync(mediator, Assign, this.FlashThen(Back), ShowAsync, nameof(Assign));

    private IActionResult Back() => RedirectToPage(new { p = PageNumber > 1 ? PageNumber : (int?)null });

    private Task<IActionResult> ShowAsync() => this.ShowListAsync(mediator, new Query(PageNumber), new Query(), view => View = view);

    public sealed record Query(int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 25;

        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    public sealed record Model(IReadOnlyList<ReviewerRoster.Reviewer> Reviewers, Paging Paging);

    public sealed class QueryHandler(ReviewerRoster roster) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var reviewers = roster.List();
            var paging = await Paging.CountAsync(reviewers, request.Page, Query.PageSize, cancellationToken);
            return new Model(await reviewers.Skip(paging.Skip).Take(Query.PageSize).ToListAsync(cancellationToken), paging);
        }
    }

    /// <summary>Make someone a reviewer: who signs in already, or someone new (then their name is asked for and a welcome link sent).</summary>
    public sealed record AddReviewer : ICommand<Result<string>>, IAccountRequest
    {
        public string Email { get; init; } = "";
        public string? Name { get; init; }

        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class AddReviewerValidator : AbstractValidator<AddReviewer>
    {
        public AddReviewerValidator()
        {
            RuleFor(c => c.Email).IsEmail("the reviewer's");
            RuleFor(c => c.Name).MaximumLength(200).WithMessage("A name has at most 200 characters.");
        }
    }

    public sealed class AddReviewerHandler(NewUsers newUsers, PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<AddReviewer, Result<string>>
    {
        public async Task<Result<string>> Handle(AddReviewer request, CancellationToken cancellationToken)
        {
            var (person, isNew) = await newUsers.FindOrNewAsync(request.Email, request.Name, cancellationToken);
            var already = person.IsPartnerAccessReviewer;
            var said = ReviewerRoster.Make(person);
            if (already) return said; // nothing changed: no welcome, nothing saved
            var operatorName = await db.DomainUsers.Where(u => u.Id == me.UserId).Select(u => u.Name).SingleAsync(cancellationToken);
            newUsers.WelcomeReviewer(person, isNew, operatorName, me.UserId, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return isNew ? $"{said} They were emailed a link to choose their password." : said;
        }
    }

    public sealed record RemoveReviewer(string Email) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class RemoveReviewerValidator : AbstractValidator<RemoveReviewer>
    {
        public RemoveReviewerValidator() => RuleFor(c => c.Email).IsEmail("the reviewer's");
    }

    public sealed class RemoveReviewerHandler(ReviewerRoster roster) : IRequestHandler<RemoveReviewer, Result<string>>
    {
        public Task<Result<string>> Handle(RemoveReviewer request, CancellationToken cancellationToken) => roster.RemoveAsync(request.Email, cancellationToken);
    }

    /// <summary>A partner's channel consultant (a reviewer), or none when the email is left empty.</summary>
    public sealed record SetConsultant : ICommand<Result<string>>, IAccountRequest
    {
        public long PartnerHubId { get; init; }
        public string? Email { get; init; }

        public AccessRequirement Requirement => AccessRequirement.PlatformOperator;
    }

    public sealed class SetConsultantValidator : AbstractValidator<SetConsultant>
    {
        public SetConsultantValidator()
        {
            RuleFor(c => c.PartnerHubId).GreaterThan(0).WithMessage("Enter the partner's Hub ID.");
            When(c => !string.IsNullOrWhiteSpace(c.Email), () => RuleFor(c => c.Email!).IsEmail("the reviewer's"));
        }
    }

    public sealed class SetConsultantHandler(ReviewerRoster roster) : IRequestHandler<SetConsultant, Result<string>>
    {
        public Task<Result<string>> Handle(SetConsultant request, CancellationToken cancellationToken) =>
            roster.AssignConsultantAsync(request.PartnerHubId, string.IsNullOrWhiteSpace(request.Email) ? null : request.Email, cancellationToken);
    }
}
