using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

/// <summary>
/// O3: <em>Forgot password?</em> — an email; when it is someone's, a one-time link to choose a new password, valid for an hour,
/// goes to it (at most one every few minutes, however many times the form is sent). The page answers the same, in the same
/// time, whether or not the address is known.
/// </summary>
[EnableRateLimiting(RateLimits.EmailedLink)]
public class ForgotPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public string? SentTo { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await mediator.Send(Data, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (result.Succeeded) SentTo = EmailAddress.Normalize(Data.Email);
        return Page();
    }

    [OwnTransaction("One save writes the link and its email, after one conditional UPDATE let this request through.")]
    [NotAccountScoped("Asked before signing in: the emailed link is what proves the address.")]
    [AnsweredInEvenTime]
    public sealed record Command : IRequest<Result<bool>>
    {
        public string Email { get; init; } = "";
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.Email).IsEmail();
    }

    public sealed class CommandHandler(PasswordResets resets) : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            await resets.SendAsync(request.Email, requestedBy: null, cancellationToken);
            return true;
        }
    }
}

/// <summary>O3/O4: the one home of a reset link — from Forgot password? (emailed) and from the operator's command line (printed).</summary>
public sealed class PasswordResets(PortalDb db, MailOutbox mail, PublicUrls urls, TimeProvider clock)
{
    /// <summary>How often a reset email may go to one person, however many times it is asked for.</summary>
    public static readonly TimeSpan EmailEvery = TimeSpan.FromMinutes(2);

    /// <summary>Emails a reset link when the address is someone's (and none went in the last minutes); says nothing either way.</summary>
    public async Task SendAsync(string email, Guid? requestedBy, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        var person = await db.DomainUsers.AsNoTracking().Where(u => u.Email == normalized).Select(u => new { u.Id, u.Name }).SingleOrDefaultAsync(ct);
        if (person is null) return;
        var now = clock.GetUtcNow();
        var window = (now.ToUnixTimeSeconds() / (long)EmailEvery.TotalSeconds).ToString("D15", System.Globalization.CultureInfo.InvariantCulture);
        if (!await UserTokenClaims.TryAdvanceAsync(db, person.Id, "PasswordResetEmailed", window, ct)) return;
        var (link, token) = UserInvitation.IssueReset(person.Id, requestedBy ?? person.Id, now);
        db.UserInvitations.Add(link);
        mail.EnqueueToAddress(normalized, "Reset your Partner Portal password",
            $"Hello {person.Name},\n\nSomeone (we hope you) asked to reset the password of {normalized} in Partner Portal.\n\n" +
            $"Choose a new password here (the link works once, within {UserInvitation.ResetLifetime.TotalMinutes:0} minutes):\n{urls.Absolute(WelcomeModel.PathFor(token))}\n\n" +
            "If you did not ask, ignore this email: your password stays as it is.\n\nPartner Portal");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The operator's reset (O4): a link to print, for a person who exists; null when nobody has the email.</summary>
    public async Task<string?> IssueAsync(string email, Guid requestedBy, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        var id = await db.DomainUsers.Where(u => u.Email == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        if (id is null) return null;
        var (link, token) = UserInvitation.IssueReset(id.Value, requestedBy, clock.GetUtcNow());
        db.UserInvitations.Add(link);
        await db.SaveChangesAsync(ct);
        return urls.Absolute(WelcomeModel.PathFor(token));
    }
}
