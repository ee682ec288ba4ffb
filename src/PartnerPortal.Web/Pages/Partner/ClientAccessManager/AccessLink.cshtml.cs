using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R1, R4: Get access link / Copy access link, and resetting a link.</summary>
public class AccessLinkModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "employee")] public Guid? EmployeeId { get; set; }

    [TempData] public string? Flash { get; set; }

    public Model? View { get; private set; }

    public string? AbsoluteUrl => View?.Path is { } path ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}" : null;

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, EmployeeId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Reset(hubId, EmployeeId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        Flash = "A new link was made. The old link no longer works.";
        return RedirectToPage(new { hubId, employee = EmployeeId });
    }

    public sealed record Query(long PartnerHubId, Guid? EmployeeId) : IRequest<Result<Model>>;

    /// <param name="Path">Null when there is no usable link (none yet, or its keys are gone): reset to make one.</param>
    public sealed record Model(CamHeader Header, Guid EmployeeId, string EmployeeName, string Email, bool IsYours, string? Path, bool CanReset);

    public sealed class Handler(PortalDb db, AccountAccess access, AccessLinkTokens tokens) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            // R1: Super Admin or Client access manager, for your own link and for another employee's.
            var partner = await access.PartnerWithAsync(request.PartnerHubId, Permission.ClientAccessManager, cancellationToken);
            if (!partner.Succeeded) return partner.AsFailure();
            var employeeId = request.EmployeeId ?? access.UserId;
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, employeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();

            var link = await db.AccessLinks.SingleOrDefaultAsync(l => l.PartnerHubId == request.PartnerHubId && l.EmployeeUserId == employeeId, cancellationToken);
            var token = link is null ? null : tokens.Unseal(link);
            var isYours = employeeId == access.UserId;
            return new Model(new CamHeader(request.PartnerHubId, partner.Value!.Name, "Clients"), employeeId, employee.Value!.Name, employee.Value.Email,
                isYours, token is null ? null : AccessLinkTokens.PathFor(token), isYours || partner.Value.Membership.IsSuperAdmin);
        }
    }

    public sealed record Reset(long PartnerHubId, Guid? EmployeeId) : ICommand<Result<bool>>;

    public sealed class ResetValidator : AbstractValidator<Reset>
    {
        public ResetValidator() => RuleFor(r => r.EmployeeId).NotEqual(Guid.Empty).WithMessage("Choose whose link to reset.");
    }

    public sealed class ResetHandler(PortalDb db, AccountAccess access, AccessLinkTokens tokens, AuditLog audit, TimeProvider clock) : IRequestHandler<Reset, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Reset request, CancellationToken cancellationToken)
        {
            var partner = await access.PartnerWithAsync(request.PartnerHubId, Permission.ClientAccessManager, cancellationToken);
            if (!partner.Succeeded) return partner.AsFailure();
            var employeeId = request.EmployeeId ?? access.UserId;
            // R4: the owner or a Super Admin.
            if (employeeId != access.UserId && !partner.Value!.Membership.IsSuperAdmin) return Failure.Forbidden;
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, employeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();

            var link = await db.AccessLinks.SingleOrDefaultAsync(l => l.PartnerHubId == request.PartnerHubId && l.EmployeeUserId == employeeId, cancellationToken);
            if (link is null) db.AccessLinks.Add(tokens.Issue(request.PartnerHubId, employeeId, clock.GetUtcNow()));
            else tokens.Reset(link, clock.GetUtcNow());
            audit.Record(request.PartnerHubId, request.PartnerHubId, "Access link reset", $"Access link of {employee.Value!.Email}",
                link is null ? "None" : "Previous link", "New link");
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
