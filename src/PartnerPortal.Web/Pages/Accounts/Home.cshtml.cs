using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Accounts;

/// <summary>An account's start page: what it is and what you may do in it.</summary>
public class HomeModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public sealed record Query(long HubId) : IRequest<Result<Model>>;

    public sealed record Model(long HubId, string Name, AccountKind Kind, AccessType AccessType, bool IsPartnerEmployee,
        IReadOnlyList<string> Permissions, bool CanOpenClientAccessManager);

    public sealed class Handler(AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var account = await access.MemberOfAsync(request.HubId, cancellationToken);
            if (!account.Succeeded) return account.AsFailure();
            var (hubId, name, kind, membership) = account.Value!;
            return new Model(hubId, name, kind, membership.AccessType, membership.IsPartnerEmployee,
                Domain.Permissions.Describe(membership.EffectivePermissions).ToList(),
                kind == AccountKind.Partner && PartnerRights.CanManageClientAccess(membership));
        }
    }
}
