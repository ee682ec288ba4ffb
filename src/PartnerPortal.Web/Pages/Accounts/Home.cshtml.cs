using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Pages.Accounts;

/// <summary>A client account's start page: what it is and your access in it. A partner account's is its Partner dashboard.</summary>
public class HomeModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        // A partner account's home is its Partner dashboard.
        if (result.Value.Kind == AccountKind.Partner) return RedirectToPage("/Partner/Dashboard/Index", new { hubId });
        View = result.Value;
        return Page();
    }

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.MemberOf(HubId);
    }

    public sealed record Model(long HubId, string Name, AccountKind Kind, AccessType AccessType, bool IsPartnerEmployee,
        IReadOnlyList<string> Permissions);

    public sealed class Handler(AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (hubId, name, kind, membership) = scope.Account;
            Result<Model> model = new Model(hubId, name, kind, membership.AccessType, membership.IsPartnerEmployee,
                Domain.Permissions.Describe(membership.EffectivePermissions).ToList());
            return Task.FromResult(model);
        }
    }
}
