namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// Users &amp; Teams → Security (B7): how many users sign in with two-factor, and the Require two-factor switch — a Super
/// Admin's to turn; once on, a user without it is sent to enrolment before anything else.
/// </summary>
public class SecurityModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long hubId, [FromForm(Name = "require")] bool require, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, require), this.FlashThen(() => RedirectToPage(new { hubId })), () => OnGetAsync(hubId, ct));

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed record Model(SettingsHeader Header, bool Required, bool CanChange, int Users, int WithTwoFactor);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var required = await db.Accounts.Where(a => a.HubId == request.HubId).Select(a => a.RequiresTwoFactor).SingleAsync(cancellationToken);
            var users = db.Memberships.Where(m => m.AccountHubId == request.HubId);
            var counts = await users.GroupBy(_ => 1).Select(g => new
            {
                All = g.Count(),
                On = g.Count(m => db.Users.Any(u => u.Id == m.UserId && u.TwoFactorEnabled)),
            }).SingleOrDefaultAsync(cancellationToken);
            return new Model(SettingsHeader.For(scope.Account, SettingsHeader.Security), required,
                AccessPolicy.CanChangeSecuritySettings(scope.Account.Membership), counts?.All ?? 0, counts?.On ?? 0);
        }
    }

    public sealed record Command(long HubId, bool Require) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ChangeSecuritySettings);
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var account = await scope.LoadAccountAsync(cancellationToken);
            var outcome = account.RequireTwoFactor(scope.Account.Membership.UserId, request.Require);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            return request.Require
                ? "Two-factor sign-in is required: every user without it is sent to set it up before anything else."
                : "Two-factor sign-in is no longer required; users who set it up keep it.";
        }
    }
}
