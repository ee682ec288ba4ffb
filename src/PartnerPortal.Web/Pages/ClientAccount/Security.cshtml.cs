namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's Security settings (B7, R23, R28): require two-factor sign-in for every user, and whether sensitive data may
/// be used at all. Only a Super Admin changes them; a Partner Admin sees them read-only, and the handlers refuse them.
/// </summary>
public class SecurityModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostTwoFactorAsync(long hubId, [FromForm(Name = "on")] bool on, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, Setting.TwoFactor, on), Done(hubId), () => ShowAsync(hubId, ct));

    public Task<IActionResult> OnPostSensitiveDataAsync(long hubId, [FromForm(Name = "on")] bool on, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, Setting.SensitiveData, on), Done(hubId), () => ShowAsync(hubId, ct));

    private Func<string, IActionResult> Done(long hubId) => this.FlashThen(() => RedirectToPage(new { hubId }));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AdministerClient);
    }

    public sealed record Model(ClientHeader Header, bool RequiresTwoFactor, bool AllowsSensitiveData, bool CanChange);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var settings = await db.Accounts.AsNoTracking().Where(a => a.HubId == request.HubId)
                .Select(a => new { a.RequiresTwoFactor, a.AllowsSensitiveData }).SingleAsync(cancellationToken);
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Security), settings.RequiresTwoFactor, settings.AllowsSensitiveData,
                AccessPolicy.CanChangeSecuritySettings(scope.Account.Membership));
        }
    }

    public enum Setting { TwoFactor, SensitiveData }

    public sealed record Command(long HubId, Setting Setting, bool On) : ICommand<Result<string>>, IAccountRequest
    {
        // Admins reach the handler; the domain refuses anyone but a Super Admin (R28), with the reason.
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AdministerClient);
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var outcome = request.Setting == Setting.TwoFactor
                ? client.RequireTwoFactor(scope.ActorHere, request.On, now)
                : client.AllowSensitiveData(scope.ActorHere, request.On, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            return (request.Setting, request.On) switch
            {
                (Setting.TwoFactor, true) => "Two-factor sign-in is required: every user without it is sent to set it up before anything else.",
                (Setting.TwoFactor, false) => "Two-factor sign-in is no longer required; users who set it up keep it.",
                (_, true) => "Sensitive data can be used in this account.",
                _ => "Sensitive data is turned off in this account.",
            };
        }
    }
}
