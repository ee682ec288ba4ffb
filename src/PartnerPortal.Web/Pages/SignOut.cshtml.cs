using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages;

public class SignOutModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Command(), ct);
        return RedirectToPage("/SignIn");
    }

    /// <summary>Ends the session everywhere: a new security stamp makes every cookie issued before it worthless.</summary>
    [NotAccountScoped("Signing out touches only the signed-in user's own sessions.")]
    [OwnTransaction("One UPDATE ends the sessions; the sign-in cookie is dropped whatever the database says.")]
    public sealed record Command : IRequest<Result<bool>>;

    public sealed class CommandHandler(SignInManager<PortalUser> signIn, PortalDb db, ICurrentUser me) : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (me.IsSignedIn) await SessionValidation.EndSessionsAsync(db, me.UserId, cancellationToken);
            await signIn.SignOutAsync();
            return true;
        }
    }
}
