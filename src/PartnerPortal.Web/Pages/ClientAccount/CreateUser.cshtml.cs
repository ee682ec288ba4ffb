using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's Users &amp; Teams → Create user (seed 004, R24): the email → Next → Choose access: Start from a template →
/// Choose a template → Partner Admin (offered only for an eligible partner employee; otherwise the page says why), Super
/// Admin (only for who may manage Super Admins, R28) or a permission set with a seat → Next → Invite.
/// </summary>
public class CreateUserModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    /// <summary>1: the email; 2: Choose access; 3: review and Invite.</summary>
    public int Step { get; private set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, 1, ct);

    /// <summary>Email → Next: nothing changes; Choose access is shown for that email.</summary>
    public Task<IActionResult> OnPostNextAsync(long hubId, CancellationToken ct)
    {
        if (!EmailAddress.IsValid(Data.Email))
        {
            ModelState.AddModelError("Data.Email", "Enter an email address such as name@company.com.");
            return ShowAsync(hubId, 1, ct);
        }
        return ShowAsync(hubId, 2, ct);
    }

    /// <summary>Choose access → Next: the review with Invite; nothing changes yet.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long hubId, CancellationToken ct)
    {
        var errors = await new CommandValidator().ValidateAsync(Data with { HubId = hubId }, ct);
        foreach (var error in errors.Errors) ModelState.AddModelError($"Data.{error.PropertyName}", error.ErrorMessage);
        return await ShowAsync(hubId, errors.IsValid ? 3 : 2, ct);
    }

    public Task<IActionResult> OnPostInviteAsync(long hubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId }, this.FlashThen(() => RedirectToPage("Users", new { hubId })), () => ShowAsync(hubId, 2, ct), nameof(Data));

    private async Task<IActionResult> ShowAsync(long hubId, int step, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, step > 1 ? Data.Email : null), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        Step = step;
        return Page();
    }

    public sealed record Query(long HubId, string? Email) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Email).Must(e => e is null || EmailAddress.IsValid(e)).WithMessage("Enter an email address such as name@company.com.");
    }

    public sealed record SetChoice(int Id, string Name);

    /// <param name="ExistingName">The person's name when they already sign in and the client may know it: its own user, or an eligible employee of its partner.</param>
    /// <param name="AlreadyHere">They already are a user of this account.</param>
    public sealed record Model(ClientHeader Header, string? Email, string? ExistingName, bool AlreadyHere, Eligibility.Answer? Eligibility,
        IReadOnlyList<SetChoice> Sets, bool CanMakeSuperAdmins);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var sets = await db.PermissionSets.AsNoTracking().Where(s => s.AccountHubId == request.HubId && !s.IsStandardPartnerAdmin)
                .OrderBy(s => s.Name).Take(200).Select(s => new SetChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
            var header = ClientHeader.For(scope.Account, ClientHeader.Users);
            var canMakeSuperAdmins = AccessPolicy.CanManageSuperAdmins(scope.Account.Membership);
            if (request.Email is null) return new Model(header, null, null, false, null, sets, canMakeSuperAdmins);
            var email = EmailAddress.Normalize(request.Email);
            var person = await db.DomainUsers.AsNoTracking().Where(u => u.Email == email)
                .Select(u => new { u.Name, Here = db.Memberships.Any(m => m.AccountHubId == request.HubId && m.UserId == u.Id) })
                .SingleOrDefaultAsync(cancellationToken);
            var eligibility = await Eligibility.OfAsync(db, request.HubId, email, clock.GetUtcNow(), cancellationToken);
            // Issue 22: the name of someone who signs in elsewhere is theirs; it is shown for the client's own users and its partners' eligible
            // employees (R24), never for anyone else, whom Create user invites.
            var known = person is { Here: true } || eligibility.PartnerHubId is not null;
            return new Model(header, email, known ? person?.Name : null, person?.Here == true, eligibility, sets, canMakeSuperAdmins);
        }
    }

    public sealed record Command : ICommand<Result<string>>, IAccountRequest
    {
        public const string PartnerAdminTemplate = "PartnerAdmin";
        public const string SuperAdmin = "SuperAdmin";
        public const string PermissionSet = "Set";

        public long HubId { get; init; }
        public string Email { get; init; } = "";
        public string? Name { get; init; }

        /// <summary><see cref="PartnerAdminTemplate"/> (Start from a template), <see cref="SuperAdmin"/> or <see cref="PermissionSet"/>.</summary>
        public string Access { get; init; } = "";

        public int? PermissionSetId { get; init; }
        public SeatType Seat { get; init; } = SeatType.Core;

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);

        public ClientAccess ToAccess() => Access switch
        {
            PartnerAdminTemplate => ClientAccess.PartnerAdminTemplate,
            SuperAdmin => new ClientAccess(false, true, null, SeatType.Core),
            _ => new ClientAccess(false, false, PermissionSetId, Seat),
        };
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Email).IsEmail("the user's");
            RuleFor(c => c.Name).MaximumLength(200).WithMessage("A name has at most 200 characters.");
            RuleFor(c => c.Access).Must(a => a is Command.PartnerAdminTemplate or Command.SuperAdmin or Command.PermissionSet)
                .WithMessage("Choose access: start from a template, Super Admin, or a permission set.");
            RuleFor(c => c.PermissionSetId).NotNull().When(c => c.Access == Command.PermissionSet).WithMessage("Choose a permission set.");
            RuleFor(c => c.Seat).Must(s => ClientUsers.OwnSeats.Contains(s)).When(c => c.Access == Command.PermissionSet)
                .WithMessage("Choose a Core, View-only or Paid seat.");
        }
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, NewUsers newUsers, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var (person, isNew) = await newUsers.FindOrNewAsync(request.Email, request.Name, cancellationToken);
            var access = request.ToAccess();
            // R24: the template only for an eligible partner employee, judged again now (the page's reading may be stale).
            var eligible = access.Template ? await Eligibility.OfAsync(db, client.HubId, person.Email, now, cancellationToken) : null;
            if (eligible is { PartnerHubId: null }) return Failure.Refused(eligible.Why!);
            if (!isNew && !access.Template)
            {
                // Someone who signs in already is asked, never added (issue 22); R24's template stays immediate: an eligible employee
                // of one of this client's own partners.
                var (invited, invitation) = client.InviteClientUser(scope.ActorHere, person, access, now);
                if (!invited.Succeeded) return Failure.Refused(invited.Refusal!);
                return await newUsers.InviteAsync(invitation!, client, scope.Account.Membership.UserName, cancellationToken);
            }
            var outcome = client.CreateClientUser(scope.ActorHere, person, access, eligible?.PartnerHubId, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            newUsers.Welcome(person, isNew, client, scope.Account.Membership.UserName, scope.Account.Membership.UserId, now);
            await db.SaveChangesAsync(cancellationToken);
            var what = access.Template ? $"Partner Admin for {eligible!.PartnerName}, on a partner seat" : access.SuperAdmin ? "Super Admin" : "a user";
            return $"{person.Name} was invited as {what}. " + (isNew ? $"We emailed {person.Email} a link to set their password." : "They were told by email.");
        }
    }
}
