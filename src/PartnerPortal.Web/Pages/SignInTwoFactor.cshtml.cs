using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// B7: the second step of signing in, after a right password — the 6-digit code of the authenticator app, or one of the
/// recovery codes. Wrong codes count toward the same lockout as wrong passwords.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public class SignInTwoFactorModel(IMediator mediator, SignInManager<PortalUser> signIn) : PageModel
{
    public const string WrongCode = "That code is not correct. Enter the 6-digit code your authenticator app shows now.";
    public const string WrongRecoveryCode = "That recovery code is not correct, or it was used already.";
    public const string StartAgain = "Your sign-in took too long or was not started here. Enter your email and password again.";

    [BindProperty] public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not null) return Page();
        this.Flash(StartAgain);
        return RedirectToPage("/SignIn", new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(Data, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (result.Succeeded) return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        if (result.Message == StartAgain)
        {
            this.Flash(StartAgain);
            return RedirectToPage("/SignIn", new { ReturnUrl });
        }
        return Page();
    }

    [OwnTransaction("A wrong code counts toward the lockout even though it fails.")]
    [NotAccountScoped("The second step of signing in happens before there is a user to authorize.")]
    public sealed record Command : IRequest<Result<bool>>
    {
        /// <summary>The authenticator app's code; or, when <see cref="UseRecoveryCode"/>, a recovery code.</summary>
        public string Code { get; init; } = "";
        public bool UseRecoveryCode { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the code.")
            .MaximumLength(50).WithMessage("A code has at most 50 characters.");
    }

    /// <summary>
    /// One of the account's attempts is taken atomically before the code is checked (<see cref="SignInAttempts"/>, as for the password),
    /// so that however many codes arrive at once at most the lockout's limit are checked; an authenticator code is used up when it
    /// is accepted (<see cref="OneTimeCodes"/>), a recovery code when it is redeemed.
    /// </summary>
    public sealed class CommandHandler(SignInManager<PortalUser> signIn, SignInAttempts attempts, OneTimeCodes codes) : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return Failure.Refused(StartAgain);
            if (!await attempts.TryTakeAsync(user, cancellationToken)) return Failure.Refused(SignInModel.NotSignedIn);
            var code = new string(request.Code.Where(c => !char.IsWhiteSpace(c) && (request.UseRecoveryCode || c != '-')).ToArray());
            var right = request.UseRecoveryCode
                ? (await signIn.UserManager.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded
                : await codes.TryUseAsync(user, code, cancellationToken);
            if (!right) return Failure.Refused(request.UseRecoveryCode ? WrongRecoveryCode : WrongCode);
            await attempts.GiveBackAsync(user, cancellationToken);
            // What Identity's own two-factor sign-in does once the code is right: the half-signed-in cookie goes, the session starts.
            await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            return true;
        }
    }
}
