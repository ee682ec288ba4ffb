using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Infrastructure.Operations;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages.SignUp;

/// <summary>
/// O2: <em>Create an account</em> — a partner agency or a client business, your name and email; the link to finish comes by
/// email. The same answer whatever the address (known, new, asked for a moment ago), in the same time. Only when the
/// operator opened sign-up (<c>SignUp:Mode=Open</c>); otherwise the page says whom to ask.
/// </summary>
[EnableRateLimiting(RateLimits.EmailedLink)]
public class IndexModel(IMediator mediator, IOptions<SignUpOptions> options) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public bool IsOpen => options.Value.Mode == SignUpMode.Open;

    /// <summary>The address the link was sent to, once posted.</summary>
    public string? SentTo { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsOpen) return NotFound();
        var result = await mediator.Send(Data, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (result.Succeeded) SentTo = EmailAddress.Normalize(Data.Email);
        return Page();
    }

    [NotAccountScoped("Signing up happens before there is an account or a user.")]
    [AnsweredInEvenTime]
    public sealed record Command : ICommand<Result<bool>>
    {
        public AccountKind Kind { get; init; } = AccountKind.Partner;
        public string AccountName { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a partner agency or a client business.");
            RuleFor(c => c.AccountName).IsName("the name of your agency or business");
            RuleFor(c => c.Name).IsName("your name");
            RuleFor(c => c.Email).IsEmail();
        }
    }

    public sealed class CommandHandler(AccountFounding founding, IOptions<SignUpOptions> options) : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (options.Value.Mode != SignUpMode.Open) return Failure.NotFound;
            await founding.OpenAsync(request.Kind, request.AccountName.Trim(), request.Name.Trim(), request.Email, null, null, cancellationToken);
            return true;
        }
    }
}
