using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Operations;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages.SignUp;

/// <summary>
/// O2: the emailed link of a sign-up (or of the operator's invitation). Opening it proves the email; the owner names the
/// account when nobody has, chooses a password (or, when they sign in already, gives theirs), and the account is made with
/// them as its Super Admin. Opening it changes nothing.
/// </summary>
[EnableRateLimiting(RateLimits.AccessLink)]
public class FinishModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => ShowAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(Data with { Token = token }, ct);
        if (result.Status == ResultStatus.NotFound) return await ShowAsync(token, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (!result.Succeeded) return await ShowAsync(token, ct);
        var made = result.Value.Account;
        this.Flash($"{made.Name} is ready (Hub ID {made.HubId}), and you are its Super Admin." + (result.Value.PartnerNote is { } note ? $" {note}" : "") + " Sign in to start.");
        return RedirectToPage("/SignIn");
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(token), ct);
        if (result.Status == ResultStatus.NotFound) Response.StatusCode = StatusCodes.Status404NotFound; // the page says used or expired
        View = result.Value;
        return Page();
    }

    [NotAccountScoped("The emailed link's token is the only right: the account does not exist yet.")]
    public sealed record Query(string Token) : IRequest<Result<Model>>;

    /// <param name="AccountName">Null when the owner names it.</param>
    /// <param name="SignsInAlready">Then they give their password rather than choose one.</param>
    /// <param name="CreatedBy">When a partner created the account: the partner and its employee, whom the owner approves or declines.</param>
    public sealed record Model(AccountKind Kind, string? AccountName, string OwnerName, string Email, bool SignsInAlready, AccountFounding.CreatingPartner? CreatedBy);

    public sealed class QueryHandler(AccountFounding founding, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var signUp = await founding.FindAsync(request.Token, cancellationToken);
            if (signUp is null || !signUp.IsUsable(clock.GetUtcNow())) return Failure.NotFound;
            return new Model(signUp.Kind, signUp.AccountName, signUp.OwnerName, signUp.Email, await founding.SignsInAlreadyAsync(signUp.Email, cancellationToken),
                await founding.CreatingPartnerAsync(signUp, cancellationToken));
        }
    }

    [OwnTransaction("The account is made in one save, and a wrong password keeps its lockout attempt.")]
    [NotAccountScoped("The emailed link's token is the only right: the account does not exist yet.")]
    public sealed record Command : IRequest<Result<AccountFounding.Founded>>
    {
        public string Token { get; init; } = "";
        public string? AccountName { get; init; }

        /// <summary>When a partner created the account: approve (true) or decline (false) its employee as Partner Admin.</summary>
        public bool? ApprovePartner { get; init; }

        public string Password { get; init; } = "";
        public string? ConfirmPassword { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.AccountName).MaximumLength(200).WithMessage("A name has at most 200 characters.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a password.").MaximumLength(128).WithMessage("A password has at most 128 characters.");
            // A new owner chooses one (and types it twice); someone who signs in already gives theirs (no confirmation field).
            When(c => c.ConfirmPassword is not null, () =>
            {
                RuleFor(c => c.Password).IsNewPassword();
                RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
            });
        }
    }

    public sealed class CommandHandler(AccountFounding founding) : IRequestHandler<Command, Result<AccountFounding.Founded>>
    {
        public async Task<Result<AccountFounding.Founded>> Handle(Command request, CancellationToken cancellationToken)
        {
            var signUp = await founding.FindAsync(request.Token, cancellationToken);
            if (signUp is null) return Failure.NotFound;
            var signsIn = await founding.SignsInAlreadyAsync(signUp.Email, cancellationToken);
            // A new owner's password must follow the rules even when the form left out its confirmation.
            if (!signsIn && request.ConfirmPassword is null) return Failure.Invalid([new FieldError(nameof(Command.ConfirmPassword), "Type the password again.")]);
            var made = await founding.CompleteAsync(request.Token, request.AccountName, request.Password, request.ApprovePartner, cancellationToken);
            return made;
        }
    }
}
