using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

[EnableRateLimiting(RateLimits.SignIn)]
public class SignInModel(IMediator mediator, SignInThrottle throttle, Microsoft.Extensions.Options.IOptions<Infrastructure.Operations.SignUpOptions> signUp) : PageModel
{
    /// <summary>O2: <em>Create an account</em> is offered when the operator opened sign-up.</summary>
    public bool SignUpOpen => signUp.Value.Mode == Infrastructure.Operations.SignUpMode.Open;

    /// <summary>
    /// One answer for a wrong password, an unknown email and a locked sign-in, so that the page
    /// never tells which emails have accounts.
    /// </summary>
    public const string NotSignedIn = "The email or password is not correct. After 5 failed attempts in a row, signing in is paused for 15 minutes.";

    [BindProperty] public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Per account, from any address (the rate limiter's policy already counts per address).
        using var lease = throttle.Acquire(Data.Email);
        if (!lease.IsAcquired)
        {
            RateLimits.SetRetryAfter(Response, lease);
            HttpContext.RequestServices.GetRequiredService<Infrastructure.Operations.PortalMetrics>().RateLimited(Request.Path.Value ?? "/sign-in");
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var result = await mediator.Send(Data, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (!result.Succeeded) return Page();
        // B7: the password was right; the authenticator code comes next.
        return result.Value == Outcome.CodeNeeded ? RedirectToPage("/SignInTwoFactor", new { ReturnUrl = SafeReturnUrl }) : LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    /// <summary>Signed in, or (B7) the password was right and the second step is due.</summary>
    public enum Outcome { SignedIn, CodeNeeded }

    [OwnTransaction("The attempts taken for lockout must stay taken when sign-in fails.")]
    [NotAccountScoped("Signing in happens before there is a user to authorize.")]

    public sealed record Command : IRequest<Result<Outcome>>
    {
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Email).IsEmail(example: "name@agency.com");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.")
                .MaximumLength(1000).WithMessage("A password has at most 1,000 characters.");
        }
    }

    public sealed class CommandHandler(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IPasswordHasher<PortalUser> hasher,
        SignInAttempts attempts, DecoyPassword decoy, Infrastructure.Operations.PortalMetrics metrics) : IRequestHandler<Command, Result<Outcome>>
    {
        public async Task<Result<Outcome>> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(request.Email.Trim());
            // Unknown and locked answer like a wrong password, after a password check of the same cost.
            if (user?.PasswordHash is null)
            {
                decoy.Check(hasher, request.Password);
                metrics.SignIn("unknown");
                return Failure.Refused(NotSignedIn);
            }
            if (!await attempts.TryTakeAsync(user, cancellationToken))
            {
                decoy.Check(hasher, request.Password);
                metrics.SignIn("locked");
                metrics.LockedOut();
                return Failure.Refused(NotSignedIn);
            }
            if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
            {
                metrics.SignIn("wrong_password");
                return Failure.Refused(NotSignedIn);
            }
            await attempts.GiveBackAsync(user, cancellationToken);
            if (user.TwoFactorEnabled)
            {
                // B7: remembered (for a few minutes, in Identity's two-factor cookie) as half signed in; the code page finishes.
                var halfway = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
                halfway.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
                await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(halfway));
                metrics.SignIn("code_needed");
                return Outcome.CodeNeeded;
            }
            await signIn.SignInAsync(user, isPersistent: false);
            metrics.SignIn("signed_in");
            return Outcome.SignedIn;
        }
    }
}
