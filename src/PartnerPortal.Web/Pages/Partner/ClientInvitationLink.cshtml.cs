using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages.Partner;

/// <summary>
/// R22: the link a client sends with its invitation. Opening it changes nothing: someone who may answer it (Super Admin or
/// Client access manager of the partner it is for) goes to the partner's pending client invitations; anyone else is told
/// who can. An unknown, revoked or answered link says so.
/// </summary>
[EnableRateLimiting(RateLimits.AccessLink)]
public class ClientInvitationLinkModel(IMediator mediator) : PageModel
{
    public static string PathFor(string token) => $"/client-invitations/{token}";

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(token), ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        View = result.Value;
        if (View.CanAnswer) return RedirectToPage("/Partner/Dashboard/ClientInvitations", null, new { hubId = View.PartnerHubId }, $"invitation-{View.InvitationId}");
        return Page();
    }

    [NotAccountScoped("The token is the capability; it shows only who the invitation is from and for, and whether you may answer it.")]
    public sealed record Query(string Token) : IRequest<Result<Model>>;

    public sealed record Model(int InvitationId, string ClientName, long PartnerHubId, string PartnerName, bool CanAnswer);

    public sealed class QueryHandler(PortalDb db, AccountAccess access, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.Token) || request.Token.Length > 200) return Failure.NotFound;
            var hash = SecretToken.HashOf(request.Token);
            var now = clock.GetUtcNow();
            var found = await db.ClientInvitations.AsNoTracking().Where(i => i.TokenHash == hash && i.State == InvitationState.Pending && i.ExpiresAt > now)
                .Select(i => new
                {
                    i.Id, i.PartnerHubId,
                    Client = db.Accounts.Where(a => a.HubId == i.ClientHubId).Select(a => a.Name).First(),
                    Partner = db.Accounts.Where(a => a.HubId == i.PartnerHubId).Select(a => a.Name).First(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null) return Failure.NotFound;
            var yours = await access.MemberOfAsync(found.PartnerHubId!.Value, cancellationToken);
            return new Model(found.Id, found.Client, found.PartnerHubId.Value, found.Partner,
                yours.Succeeded && AccessPolicy.CanManageClientAccess(yours.Value.Membership));
        }
    }
}
