using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Pages;

public class SignOutModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Command(), ct);
        return Redirect("/sign-in");
    }

    public sealed record Command : IRequest<Unit>;

    public sealed class Handler(SignInManager<PortalUser> signIn) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await signIn.SignOutAsync();
            return Unit.Value;
        }
    }
}
