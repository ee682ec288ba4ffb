using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Operations;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// O1: the first-run page, reached only by the link the app printed to its console. It makes the platform operator — the
/// person who runs this installation — with a password; then it is gone (not found, whatever the token).
/// </summary>
[EnableRateLimiting(RateLimits.AccessLink)]
public class SetupModel(IMediator mediator, FirstRun firstRun) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public IActionResult OnGet(string token) => firstRun.IsValid(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(Data with { Token = token }, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (!result.Succeeded) return Page();
        this.Flash($"You run this installation now. Sign in as {result.Value} to create its first accounts.");
        return RedirectToPage("/SignIn");
    }

    [NotAccountScoped("The console's setup link is the only right: nobody signs in before the operator exists.")]
    [OwnTransaction("One save makes the operator, after the link was claimed in memory (once).")]
    public sealed record Command : IRequest<Result<string>>
    {
        public string Token { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Name).IsName("your name");
            RuleFor(c => c.Email).IsEmail();
            RuleFor(c => c.Password).IsNewPassword();
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords are not the same.");
        }
    }

    public sealed class CommandHandler(PortalDb db, FirstRun firstRun, UserManager<PortalUser> logins) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!firstRun.Claim(request.Token)) return Failure.NotFound;
            var made = false;
            try
            {
                if (await db.DomainUsers.AnyAsync(u => u.IsPlatformOperator, cancellationToken)) return Failure.NotFound;
                var email = EmailAddress.Normalize(request.Email);
                var person = await db.DomainUsers.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
                if (person is not null)
                    return Failure.Refused($"{email} signs in here already: the operator is a new sign-in. Use another address (the operator can be given accounts later).");
                person = Domain.User.PlatformOperator(Guid.NewGuid(), email, request.Name.Trim());
                var login = PortalUser.For(person);
                login.PasswordHash = logins.PasswordHasher.HashPassword(login, request.Password);
                db.DomainUsers.Add(person);
                db.Users.Add(login);
                await db.SaveChangesAsync(cancellationToken);
                made = true;
                return person.Email;
            }
            finally
            {
                if (!made) firstRun.GiveBack(request.Token);
            }
        }
    }
}
