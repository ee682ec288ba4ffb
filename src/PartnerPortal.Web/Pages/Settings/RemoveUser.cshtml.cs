using PartnerPortal.Web.Pages.Partner;
using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// R20: Remove user from the partner account. The review lists every client where they work for this partner and what
/// they lose there (as R10's does); confirming removes them from the partner account and from all those clients in one
/// transaction, whatever the number of clients. A client's only Super Admin stays there (R14), and the review says so.
/// </summary>
public class RemoveUserModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    /// <summary>The review is the answer to the user panel's Remove user button (a POST, as R10's Next): an address opened
    /// by itself goes back to the user.</summary>
    public IActionResult OnGet(long hubId, Guid userId) => RedirectToPage("User", new { hubId, userId });

    /// <summary>Remove user: the review; nothing changes yet.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long hubId, Guid userId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, userId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    /// <summary>Remove user, confirmed.</summary>
    public Task<IActionResult> OnPostConfirmAsync(long hubId, Guid userId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, userId), this.FlashThen(() => RedirectToPage("Users", new { hubId })), () => OnPostReviewAsync(hubId, userId, ct));

    public sealed record Query(long HubId, Guid UserId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    /// <param name="Refusal">Why they cannot be removed (yourself, the last Super Admin, a Super Admin and you are not one), or null.</param>
    public sealed record Model(SettingsHeader Header, Guid UserId, string Name, string Email, RemovePartnerEmployees.Review Review, string? Refusal);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, Offboarding removal) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == request.HubId && m.UserId == request.UserId)
                .Select(m => new { m.UserName, m.UserEmail }).SingleOrDefaultAsync(cancellationToken);
            if (user is null) return Failure.NotFound;
            var plan = await removal.PlanAsync(request.HubId, request.UserId, cancellationToken, alsoFromPartner: true);
            if (!plan.Succeeded) return plan.AsFailure();
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var refusal = partner.WhyNotRemoveUser(scope.Account.Membership.UserId, request.UserId);
            return new Model(SettingsHeader.For(scope.Account, SettingsHeader.Users), request.UserId, user.UserName, user.UserEmail,
                plan.Value.Review, refusal);
        }
    }

    public sealed record Command(long HubId, Guid UserId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed class CommandHandler(Offboarding offboarding) : IRequestHandler<Command, Result<string>>
    {
        public Task<Result<string>> Handle(Command request, CancellationToken cancellationToken) =>
            offboarding.RunAsync(request.HubId, request.UserId, alsoFromPartner: true, cancellationToken);
    }
}
