using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// Users &amp; Teams → Create user: email, name, access (Super Admin or the partner permissions) and the Partner employee
/// switch. Someone new gets an email with a one-time link to set their password — never a password.
/// </summary>
public class CreateUserModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId }, this.FlashThen(() => RedirectToPage("Users", new { hubId })), () => ShowAsync(hubId, ct), nameof(Data));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    /// <param name="CanMakeSuperAdmins">Only a Super Admin is offered Super Admin.</param>
    public sealed record Model(SettingsHeader Header, bool CanMakeSuperAdmins);

    public sealed class QueryHandler(AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<Result<Model>>(new Model(SettingsHeader.For(scope.Account, SettingsHeader.Users), scope.Account.Membership.IsSuperAdmin));
    }

    [ApiScope(ApiScopes.Users)]
    public sealed record Command : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public bool SuperAdmin { get; init; }

        /// <summary>The partner permissions ticked (their names: ClientAccessManager, …).</summary>
        public List<string> Permissions { get; init; } = [];

        public bool PartnerEmployee { get; init; } = true;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Email).IsEmail("the user's", "name@agency.com");
            RuleFor(c => c.Name).IsName("the user's name");
            RuleFor(c => c.Permissions).ArePartnerPermissions();
        }
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, AccessLinkTokens links, NewUsers newUsers, TimeProvider clock)
        : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var me = partner.MembershipOf(scope.Account.Membership.UserId)!;
            var (person, isNew) = await newUsers.FindOrNewAsync(request.Email, request.Name, cancellationToken);
            var permissions = PartnerPermissionFields.Parse(request.Permissions);
            if (!isNew)
            {
                // Someone who signs in already (perhaps another tenant's admin) is asked, never added: issue 22.
                var (invited, invitation) = partner.InvitePartnerUser(me.UserId, person, request.SuperAdmin, permissions, request.PartnerEmployee, now);
                if (!invited.Succeeded) return Failure.Refused(invited.Refusal!);
                return await newUsers.InviteAsync(invitation!, partner, me.UserName, cancellationToken);
            }
            var outcome = partner.AddPartnerUser(me.UserId, person, request.SuperAdmin, permissions, request.PartnerEmployee, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            if (request.PartnerEmployee) await links.EnsureIssuedAsync(db, partner.HubId, person.Id, now, cancellationToken);
            newUsers.Welcome(person, isNew, partner, me.UserName, me.UserId, now);
            await db.SaveChangesAsync(cancellationToken);
            return $"{person.Name} was added. We emailed {person.Email} a link to set their password.";
        }
    }
}
