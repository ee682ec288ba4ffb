using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>One partner employee: their clients, and the Actions menu (Copy access link, Link clients, Remove employee from clients).</summary>
public class EmployeeModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    [TempData] public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, Guid EmployeeId) : IRequest<Result<Model>>;

    public sealed record ClientAccess(long HubId, string Name, string Access, bool Linked);

    public sealed record Model(CamHeader Header, Guid EmployeeId, string Name, string Email, IReadOnlyList<ClientAccess> Clients);

    public sealed class Handler(PortalDb db, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var partner = await access.PartnerWithAsync(request.PartnerHubId, Permission.ClientAccessManager, cancellationToken);
            if (!partner.Succeeded) return partner.AsFailure();
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();

            var memberships = await db.Memberships.Include(m => m.PermissionSet)
                .Where(m => m.UserId == request.EmployeeId && m.PartnerHubId == request.PartnerHubId)
                .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new { Membership = m, a.Name })
                .OrderBy(x => x.Name)
                .ToListAsync(cancellationToken);
            var clients = memberships.Select(x => new ClientAccess(x.Membership.AccountHubId, x.Name, x.Membership.Describe(), x.Membership.LinkedForManagedCredit)).ToList();
            return new Model(new CamHeader(request.PartnerHubId, partner.Value!.Name, "Employees"), request.EmployeeId, employee.Value!.Name, employee.Value.Email, clients);
        }
    }
}
