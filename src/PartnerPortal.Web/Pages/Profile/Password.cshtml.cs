using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages.Profile;

/// <summary>
/// O3: Change password — the current one first, then the new one twice. Every other session of the user ends (the security stamp
/// changes, <see cref="SessionValidation"/>); this one goes on.
/// </summary>
public class PasswordModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public IActionResult OnGet() => Page();

    public Task<IActionResult> OnPostAsync() =>
        this.SubmitAsync(mediator, Data, this.FlashThen(() => RedirectToPage()), () => Task.FromResult<IActionResult>(Page()), nameof(Data));

    [OwnTransaction("A wrong current password keeps the lockout attempt it took (a transaction would give it back), as at sign-in.")]
    [NotAccountScoped("Your own password, not an account's.")]
    public sealed record Command : IRequest<Result<string>>
    {
        public string CurrentPassword { get; init; } = "";
        public string NewPassword { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
                .MaximumLength(PasswordRules.MaximumLength).WithMessage("That is not your current password.");
            RuleFor(c => c.NewPassword).IsNewPassword();
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two new passwords are not the same.");
        }
    }

    public const string WrongCurrent = "That is not your current password; nothing was changed. After 5 failed attempts in a row, signing in is paused for 15 minutes.";

    public sealed class CommandHandler(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, ICurrentUser me, SignInAttempts attempts)
        : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(me.UserId.ToString()) ?? throw new InvalidOperationException("The signed-in user does not exist.");
            if (!await attempts.TryTakeAsync(user, cancellationToken)) return Failure.Refused(WrongCurrent);
            if (!await users.CheckPasswordAsync(user, request.CurrentPassword)) return Failure.Refused(WrongCurrent);
            await attempts.GiveBackAsync(user, cancellationToken);
            user = await users.FindByIdAsync(me.UserId.ToString()) ?? throw new InvalidOperationException("The signed-in user does not exist.");
            var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
            if (!changed.Succeeded) return Failure.Refused(string.Join(" ", changed.Errors.Select(e => e.Description)));
            // Changing the password renewed the security stamp: every other session ends; this one goes on.
            await signIn.SignInAsync(user, isPersistent: false);
            return "Your password is changed. Every other session of yours was signed out.";
        }
    }
}
