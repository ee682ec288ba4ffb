using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages;

public class SignInModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(Data, ct);
            if (this.FailureResult(result) is { } failure) return failure;
            return ModelState.IsValid ? LocalRedirect(SafeReturnUrl) : Page();
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Data));
            return Page();
        }
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    // Not an ICommand: the failed-attempt counter behind lockout must be saved even when sign-in fails.
    public sealed record Command : IRequest<Result<Guid>>
    {
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
                .EmailAddress().WithMessage("Enter an email address such as name@agency.com.")
                .MaximumLength(254);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1000);
        }
    }

    public sealed class Handler(SignInManager<PortalUser> signIn) : IRequestHandler<Command, Result<Guid>>
    {
        public async Task<Result<Guid>> Handle(Command request, CancellationToken cancellationToken)
        {
            var email = request.Email.Trim();
            var outcome = await signIn.PasswordSignInAsync(email, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (outcome.Succeeded)
            {
                var user = await signIn.UserManager.FindByEmailAsync(email);
                return user!.Id;
            }
            if (outcome.IsLockedOut)
                return Failure.Refused("This sign-in is locked after too many failed attempts. Try again in 15 minutes.");
            if (outcome.RequiresTwoFactor)
                return Failure.Refused("This sign-in uses two-step verification, which Partner Portal cannot complete yet. Ask an administrator to turn it off for now.");
            return Failure.Refused("The email or password is not correct.");
        }
    }
}
