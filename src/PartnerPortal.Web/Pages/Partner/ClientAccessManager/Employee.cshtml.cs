using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>One partner employee: their clients and managed credit there, and the Actions menu (Copy access link, Link clients, Remove employee from clients).</summary>
public class EmployeeModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, Guid EmployeeId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    /// <param name="Connected">Works there for this partner (seated or linked); otherwise a user there whom Link clients can connect.</param>
    public sealed record ClientAccess(long HubId, string Name, string Access, bool Connected, string ManagedCredit);

    public sealed record Model(CamHeader Header, Guid EmployeeId, string Name, string Email, IReadOnlyList<ClientAccess> Clients);

    public sealed class Handler(PortalDb db, AccessScope scope, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var partnerHubId = request.PartnerHubId;

            // Their memberships in this partner's current clients: connected to this partner, or not connected to any.
            var memberships = await db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == request.EmployeeId && (m.PartnerHubId == partnerHubId || m.PartnerHubId == null))
                .Join(db.Relationships.Where(r => r.PartnerHubId == partnerHubId && (r.State == RelationshipState.Active || r.State == RelationshipState.Ending)),
                    m => m.AccountHubId, r => r.ClientHubId, (m, r) => m)
                .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new { Membership = m, a.Name })
                .OrderBy(x => x.Name)
                .ToListAsync(cancellationToken);
            // The employee was found among the partner's employees (switch on): only the domains are left to read.
            var domains = await db.PartnerEmailDomains.AsNoTracking().Where(d => d.PartnerHubId == partnerHubId).Select(d => d.Domain).ToListAsync(cancellationToken);
            var onDomain = PartnerEmailDomain.Covers(domains, employee.Value.Email);
            var clients = memberships.Select(x => new ClientAccess(x.Membership.AccountHubId, x.Name, x.Membership.Describe(),
                x.Membership.PartnerHubId == partnerHubId, ManagedCredit.Of(x.Membership, partnerHubId, isPartnerEmployee: true, onDomain).Label)).ToList();
            return new Model(CamHeader.For(scope.Account, "Employees"), request.EmployeeId, employee.Value.Name, employee.Value.Email, clients);
        }
    }
}
