using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// A new user's one-time link from the email Users &amp; Teams sent: they choose their password, then sign in. The link
/// works once and for seven days; opening it changes nothing.
/// </summary>
[EnableRateLimiting(RateLimits.AccessLink)]
public class WelcomeModel(IMediator mediator) : PageModel
{
    public static string PathFor(string token) => $"/welcome/{token}";

    [BindProperty] public Command Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => ShowAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(Data with { Token = token }, ct);
        if (result.Status == ResultStatus.NotFound) return await ShowAsync(token, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (!result.Succeeded) return await ShowAsync(token, ct);
        this.Flash("Your password is set. Sign in with your email and your new password.");
        return RedirectToPage("/SignIn");
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(token), ct);
        if (result.Status == ResultStatus.NotFound) Response.StatusCode = StatusCodes.Status404NotFound; // unknown, used or expired: the page says so
        View = result.Value;
        return Page();
    }

    [NotAccountScoped("The link's token is the only right: its user has no password yet.")]
    public sealed record Query(string Token) : IRequest<Result<Model>>;

    /// <param name="AccountName">The account whose admin added them; none for a reset.</param>
    public sealed record Model(string Name, string Email, string? AccountName, PasswordLinkPurpose Purpose);

    public sealed class QueryHandler(PortalDb db, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, request.Token, cancellationToken);
            if (invitation is null || !invitation.IsUsable(clock.GetUtcNow())) return Failure.NotFound;
            var shown = await (from u in db.DomainUsers
                               where u.Id == invitation.UserId
                               select new Model(u.Name, u.Email, db.Accounts.Where(a => a.HubId == invitation.AccountHubId).Select(a => a.Name).SingleOrDefault(), invitation.Purpose))
                .SingleAsync(cancellationToken);
            return shown;
        }
    }

    /// <summary>The invitation a token is for, found by the token's hash only.</summary>
    internal static Task<UserInvitation?> FindAsync(PortalDb db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<UserInvitation?>(null);
        var hash = SecretToken.HashOf(token);
        return db.UserInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    [NotAccountScoped("The link's token is the only right: its user has no password yet.")]
    public sealed record Command : ICommand<Result<bool>>
    {
        public string Token { get; init; } = "";
        public string Password { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Password).IsNewPassword();
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
        }
    }

    public sealed class CommandHandler(PortalDb db, UserManager<PortalUser> users, TimeProvider clock) : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, request.Token, cancellationToken);
            if (invitation is null) return Failure.NotFound;
            var used = invitation.Use(clock.GetUtcNow());
            if (!used.Succeeded) return Failure.NotFound;
            var user = await users.FindByIdAsync(invitation.UserId.ToString());
            if (user is null) return Failure.NotFound;
            // The link proves the address: a sign-in paused by wrong passwords is free again (O3).
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            // The invitation is marked used in the same save as the password (its UsedAt is a concurrency token: of two
            // posts of one link, one sets the password).
            var set = await users.HasPasswordAsync(user) ? await ReplaceAsync(user, request.Password) : await users.AddPasswordAsync(user, request.Password);
            if (set.Succeeded) return true;
            if (set.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))) return Failure.Refused(invitation.UsedOrExpiredMessage);
            return Failure.Refused(string.Join(" ", set.Errors.Select(e => e.Description)));
        }

        private async Task<IdentityResult> ReplaceAsync(PortalUser user, string password)
        {
            var removed = await users.RemovePasswordAsync(user);
            return removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        }
    }
}
