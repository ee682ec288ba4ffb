using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R6: Add employees to a client account with one of its permission sets, on partner seats.</summary>
public class AddEmployeesModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [TempData] public string? Flash { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => await ShowAsync(hubId, clientHubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId }, added =>
        {
            Flash = $"Added {added} {(added == 1 ? "employee" : "employees")} with partner seats.";
            return RedirectToPage("ClientDetails", new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, ct), nameof(Data));

    private async Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, clientHubId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, long ClientHubId) : IRequest<Result<Model>>;

    public sealed record Choice(Guid UserId, string Name, string Email, string? AlreadyThere);

    public sealed record SetChoice(int Id, string Name);

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, IReadOnlyList<Choice> Employees, IReadOnlyList<SetChoice> PermissionSets);

    public sealed class Handler(PortalDb db, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            if (!gate.Value!.YouAdminister) return Failure.Forbidden; // R6: Partner Admin in that client
            var (partner, client) = gate.Value;
            var employees = await db.Memberships.Where(m => m.AccountHubId == request.PartnerHubId && m.IsPartnerEmployee)
                .Select(m => m.User!).OrderBy(u => u.Name).ToListAsync(cancellationToken);
            var choices = employees.Select(u => new Choice(u.Id, u.Name, u.Email, client.MembershipOf(u.Id)?.Describe())).ToList();
            var sets = client.PermissionSets.OrderByDescending(s => s.IsStandardPartnerAdmin).ThenBy(s => s.Name).Select(s => new SetChoice(s.Id, s.Name)).ToList();
            return new Model(new CamHeader(partner.HubId, partner.Name, "Clients"), client.HubId, client.Name, choices, sets);
        }
    }

    public sealed record Command : ICommand<Result<int>>
    {
        public long PartnerHubId { get; init; }
        public long ClientHubId { get; init; }
        public List<Guid> EmployeeIds { get; init; } = [];
        public int PermissionSetId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EmployeeIds).NotEmpty().WithMessage("Select at least one employee.")
                .Must(ids => ids.Count <= 200).WithMessage("Add at most 200 employees at a time.");
            RuleFor(c => c.PermissionSetId).GreaterThan(0).WithMessage("Select a permission set.");
        }
    }

    public sealed class CommandHandler(PortalDb db, AccountAccess access, RelationshipKeeper relationships, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result<int>>
    {
        public async Task<Result<int>> Handle(Command request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            if (!gate.Value!.YouAdminister) return Failure.Forbidden;
            var client = gate.Value.Client;
            var set = client.PermissionSets.SingleOrDefault(s => s.Id == request.PermissionSetId);
            if (set is null) return Failure.Refused("Select one of this client's permission sets.");

            var ids = request.EmployeeIds.Distinct().ToList();
            var employees = await db.Memberships.Where(m => m.AccountHubId == request.PartnerHubId && m.IsPartnerEmployee && ids.Contains(m.UserId))
                .Select(m => m.User!).ToListAsync(cancellationToken);
            if (employees.Count != ids.Count) return Failure.Refused("Only your partner employees can be added.");

            var refusals = new List<string>();
            foreach (var employee in employees)
            {
                var before = client.MembershipOf(employee.Id)?.Describe();
                var outcome = client.AddPartnerEmployee(employee, request.PartnerHubId, set, access.UserId, clock.GetUtcNow());
                if (!outcome.Succeeded)
                {
                    refusals.Add($"{employee.Name} ({employee.Email}): {outcome.Refusal}");
                    continue;
                }
                var after = client.MembershipOf(employee.Id)!.Describe();
                if (after != before) audit.Record(client.HubId, request.PartnerHubId, "Partner employee added", employee.Email, before ?? "No access", after);
            }
            if (refusals.Count > 0)
                return Failure.Refused($"Nobody was added. {string.Join(" ", refusals)} {Account.ConnectedWithAnotherPartnerWaysOut}");
            await relationships.EnsureActiveAsync(request.PartnerHubId, client.HubId, cancellationToken); // R12: Ending becomes Active again
            await db.SaveChangesAsync(cancellationToken);
            return employees.Count;
        }
    }
}
