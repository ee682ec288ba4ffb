using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>Client Access Manager, Employees tab (R7): every partner employee, with the checkmark for partner domain emails.</summary>
public class EmployeesModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed record Row(Guid UserId, string Name, string Email, bool OnPartnerDomain, int Clients);

    public sealed record Model(CamHeader Header, IReadOnlyList<Row> Employees);

    public sealed class Handler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.PartnerHubId;
            var domains = await db.PartnerEmailDomains.Where(d => d.PartnerHubId == hubId).Select(d => d.Domain).ToListAsync(cancellationToken);
            var employees = await db.Memberships
                .Where(m => m.AccountHubId == hubId && m.IsPartnerEmployee)
                .Select(m => new
                {
                    m.UserId,
                    m.User!.Name,
                    m.User.Email,
                    Clients = db.Memberships.Count(c => c.UserId == m.UserId && c.PartnerHubId == hubId),
                })
                .OrderBy(e => e.Name)
                .ToListAsync(cancellationToken);
            // R7: the checkmark for an email on one of the partner's domains.
            var rows = employees.Select(e => new Row(e.UserId, e.Name, e.Email, PartnerEmailDomain.Covers(domains, e.Email), e.Clients)).ToList();
            return new Model(CamHeader.For(scope.Account, "Employees"), rows);
        }
    }
}
