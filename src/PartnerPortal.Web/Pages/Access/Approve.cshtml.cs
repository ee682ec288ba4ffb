using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.Access;

/// <summary>
/// R2–R4, the client's side of an access link: opening it shows who asks and changes nothing;
/// approving is a POST by a Super Admin (or Add and edit users) of the client account they pick.
/// </summary>
public class ApproveModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "approved")] public long? ApprovedHubId { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => await ShowAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        try
        {
            var result = await mediator.Send(Data with { Token = token }, ct);
            if (result.Status == ResultStatus.NotFound) return await ShowAsync(token, ct);
            if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
            if (ModelState.IsValid) return RedirectToPage(new { token, approved = Data.ClientHubId });
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex, nameof(Data));
        }
        return await ShowAsync(token, ct);
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(token), ct);
        View = result.Value;
        if (result.Status == ResultStatus.NotFound) Response.StatusCode = StatusCodes.Status404NotFound; // reset, unknown or tampered
        else if (this.FailureResult(result) is { } failure) return failure;
        return Page();
    }

    public sealed record Query(string Token) : IRequest<Result<Model>>;

    public sealed record ClientChoice(long HubId, string Name, string? CurrentAccess);

    /// <summary>Null parts when the link is not valid.</summary>
    public sealed record Model(string? PartnerName, long PartnerHubId, string? EmployeeName, string? EmployeeEmail, IReadOnlyList<ClientChoice> Clients);

    public sealed class Handler(PortalDb db, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var asking = await LinkLookup.FindAsync(db, request.Token, cancellationToken);
            if (asking is null) return Failure.NotFound;

            // Client accounts (never partner accounts, R4) where the viewer may approve (R2).
            var mine = await db.Memberships.Include(m => m.PermissionSet)
                .Where(m => m.UserId == access.UserId)
                .Join(db.Accounts.Where(a => a.Kind == AccountKind.Client), m => m.AccountHubId, a => a.HubId, (m, a) => new { Membership = m, a.HubId, a.Name })
                .OrderBy(x => x.Name)
                .ToListAsync(cancellationToken);
            var employeeAccess = await db.Memberships.Include(m => m.PermissionSet)
                .Where(m => m.UserId == asking.EmployeeId).ToDictionaryAsync(m => m.AccountHubId, cancellationToken);
            var choices = mine.Where(x => LinkLookup.MayApprove(x.Membership))
                .Select(x => new ClientChoice(x.HubId, x.Name, employeeAccess.TryGetValue(x.HubId, out var e) ? e.Describe() : null))
                .ToList();
            return new Model(asking.PartnerName, asking.PartnerHubId, asking.EmployeeName, asking.EmployeeEmail, choices);
        }
    }

    public sealed record Command : ICommand<Result<bool>>
    {
        public string Token { get; init; } = "";
        public long ClientHubId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
            RuleFor(c => c.ClientHubId).GreaterThan(0).WithMessage("Choose the account the partner employee will have access to.");
        }
    }

    public sealed class CommandHandler(PortalDb db, AccountAccess access, RelationshipKeeper relationships, AuditLog audit, MailOutbox mail, TimeProvider clock)
        : IRequestHandler<Command, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            var asking = await LinkLookup.FindAsync(db, request.Token, cancellationToken);
            if (asking is null) return Failure.NotFound;
            var approver = await access.MembershipAsync(request.ClientHubId, cancellationToken);
            if (approver is null || !LinkLookup.MayApprove(approver)) return Failure.Forbidden;

            var client = await db.Accounts.WithMembers().SingleAsync(a => a.HubId == request.ClientHubId, cancellationToken);
            var employee = await db.DomainUsers.SingleAsync(u => u.Id == asking.EmployeeId, cancellationToken);
            var before = client.MembershipOf(employee.Id);
            var beforeText = before?.Describe();
            var beforePartner = before?.PartnerHubId;

            var outcome = client.ApproveAccessLink(employee, asking.PartnerHubId, access.UserId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);

            var after = client.MembershipOf(employee.Id)!;
            if (after.Describe() != beforeText || beforePartner != asking.PartnerHubId)
            {
                audit.Record(client.HubId, asking.PartnerHubId, "Access link approved", employee.Email, beforeText ?? "No access", after.Describe());
                mail.Enqueue(employee.Email, $"{client.Name} approved your access link",
                    $"Hello {employee.Name},\n\n{client.Name} (Hub ID {client.HubId}) approved your access link. You are now {after.Describe()} in their account, on behalf of {asking.PartnerName}.\n\nPartner Portal");
            }
            await relationships.EnsureActiveAsync(asking.PartnerHubId, client.HubId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}

/// <summary>Finds who an access link belongs to, by the hash of its token only.</summary>
internal static class LinkLookup
{
    public sealed record Asking(long PartnerHubId, string PartnerName, Guid EmployeeId, string EmployeeName, string EmployeeEmail);

    public static async Task<Asking?> FindAsync(PortalDb db, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var hash = AccessLink.HashOf(token);
        return await db.AccessLinks.Where(l => l.TokenHash == hash)
            .Join(db.Accounts, l => l.PartnerHubId, a => a.HubId, (l, a) => new { l, a })
            .Join(db.DomainUsers, x => x.l.EmployeeUserId, u => u.Id, (x, u) => new Asking(x.a.HubId, x.a.Name, u.Id, u.Name, u.Email))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>R2: Super Admin, or Add and edit users.</summary>
    public static bool MayApprove(Membership membership) => membership.Has(Permission.AddAndEditUsers);
}
