using FluentValidation;
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
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId, Search, PageNumber), ct);
        if (result.Status == ResultStatus.Invalid)
        {
            ModelState.AddFieldErrors(result.Errors);
            result = await mediator.Send(new Query(hubId, employeeId), ct);
        }
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    /// <summary>The employee and a page of their clients (searched by name or Hub ID); clients in <paramref name="Selected"/> come first.</summary>
    public sealed record Query(long PartnerHubId, Guid EmployeeId, string? Search = null, int Page = 1, IReadOnlyList<long>? Selected = null)
        : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Search).MaximumLength(100).WithMessage("Search by up to 100 characters of a name or Hub ID.");
            RuleFor(q => q.Page).InclusiveBetween(1, 100_000).WithMessage("Pages are numbered from 1.");
            RuleFor(q => q.Selected).Must(s => s is null || s.Count <= RemovePartnerEmployees.MaxPairs)
                .WithMessage($"Choose at most {RemovePartnerEmployees.MaxPairs} clients at a time.");
        }
    }

    /// <param name="Connected">Works there for this partner (seated or linked); otherwise a user there whom Link clients can connect.</param>
    public sealed record ClientAccess(long HubId, string Name, string Access, bool Connected, string ManagedCredit);

    /// <param name="More">There is a next page (or, with a search, more matches).</param>
    public sealed record Model(CamHeader Header, Guid EmployeeId, string Name, string Email, IReadOnlyList<ClientAccess> Clients, int Page, bool More, string? Search);

    public sealed class Handler(PortalDb db, AccessScope scope, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var partnerHubId = request.PartnerHubId;

            // Their memberships in this partner's current clients: connected to this partner, or not connected to any.
            var search = Picker.Normalize(request.Search);
            var selected = request.Selected ?? [];
            var query = db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == request.EmployeeId && (m.PartnerHubId == partnerHubId || m.PartnerHubId == null))
                .Join(db.Relationships.Where(r => r.PartnerHubId == partnerHubId && (r.State == RelationshipState.Active || r.State == RelationshipState.Ending)),
                    m => m.AccountHubId, r => r.ClientHubId, (m, r) => m)
                .Join(db.Accounts, m => m.AccountHubId, a => a.HubId, (m, a) => new { Membership = m, a.Name, a.HubId });
#pragma warning disable CA1304, CA1305, CA1311, CA1862 // translated to SQL lower() and a cast to text; the culture rules do not apply
            if (search is not null) query = query.Where(x => x.Name.ToLower().Contains(search) || x.HubId.ToString().Contains(search) || selected.Contains(x.HubId));
#pragma warning restore CA1304, CA1305, CA1311, CA1862
            // A page and one row more (is there a next page?): no count over every client they are in.
            var size = Query.PageSize + selected.Count;
            var memberships = await query.OrderBy(x => selected.Contains(x.HubId) ? 0 : 1).ThenBy(x => x.Name).ThenBy(x => x.HubId)
                .Skip((request.Page - 1) * size).Take(size + 1)
                .ToListAsync(cancellationToken);
            // The employee was found among the partner's employees (switch on): only the domains are left to read.
            var domains = await db.PartnerEmailDomains.AsNoTracking().Where(d => d.PartnerHubId == partnerHubId).Select(d => d.Domain).ToListAsync(cancellationToken);
            var onDomain = PartnerEmailDomain.Covers(domains, employee.Value.Email);
            var clients = memberships.Take(size).Select(x => new ClientAccess(x.Membership.AccountHubId, x.Name, x.Membership.Describe(),
                x.Membership.PartnerHubId == partnerHubId, ManagedCredit.Of(x.Membership, partnerHubId, isPartnerEmployee: true, onDomain).Label)).ToList();
            return new Model(CamHeader.For(scope.Account, "Employees"), request.EmployeeId, employee.Value.Name, employee.Value.Email, clients,
                request.Page, memberships.Count > size, request.Search);
        }
    }
}
