using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R9: Change permission set of one partner employee in a client account.</summary>
public class ChangePermissionSetModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [TempData] public string? Flash { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct) =>
        await ShowAsync(hubId, clientHubId, employeeId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId, EmployeeId = employeeId }, message =>
        {
            Flash = message;
            return RedirectToPage("ClientDetails", new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, employeeId, ct), nameof(Data));

    private async Task<IActionResult> ShowAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, clientHubId, employeeId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        if (Data.PermissionSetId == 0) Data = Data with { PermissionSetId = View!.CurrentSetId ?? 0 };
        return Page();
    }

    public sealed record Query(long PartnerHubId, long ClientHubId, Guid EmployeeId) : IRequest<Result<Model>>;

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, Guid EmployeeId, string EmployeeName, string CurrentAccess,
        int? CurrentSetId, IReadOnlyList<AddEmployeesModel.SetChoice> PermissionSets);

    public sealed class Handler(AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            if (!gate.Value!.YouAdminister) return Failure.Forbidden; // R9: as a Partner Admin of the client
            var (partner, client) = gate.Value;
            var membership = client.MembershipOf(request.EmployeeId);
            if (membership?.PartnerHubId != request.PartnerHubId) return Failure.NotFound;
            var sets = client.PermissionSets.OrderByDescending(s => s.IsStandardPartnerAdmin).ThenBy(s => s.Name)
                .Select(s => new AddEmployeesModel.SetChoice(s.Id, s.Name)).ToList();
            return new Model(new CamHeader(partner.HubId, partner.Name, "Clients"), client.HubId, client.Name, membership.UserId, membership.User!.Name,
                membership.Describe(), membership.PermissionSetId, sets);
        }
    }

    public sealed record Command : ICommand<Result<string>>
    {
        public long PartnerHubId { get; init; }
        public long ClientHubId { get; init; }
        public Guid EmployeeId { get; init; }
        public int PermissionSetId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PermissionSetId).GreaterThan(0).WithMessage("Select a permission set.");
    }

    public sealed class CommandHandler(PortalDb db, AccountAccess access, AuditLog audit) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            if (!gate.Value!.YouAdminister) return Failure.Forbidden; // R9: as a Partner Admin of the client
            var client = gate.Value.Client;
            var membership = client.MembershipOf(request.EmployeeId);
            if (membership?.PartnerHubId != request.PartnerHubId) return Failure.NotFound;
            var set = client.PermissionSets.SingleOrDefault(s => s.Id == request.PermissionSetId);
            if (set is null) return Failure.Refused("Select one of this client's permission sets.");

            var before = membership.Describe();
            var outcome = client.ChangePermissionSet(request.EmployeeId, set);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            if (membership.Describe() != before)
                audit.Record(client.HubId, request.PartnerHubId, "Permission set changed", membership.User!.Email, before, membership.Describe());
            await db.SaveChangesAsync(cancellationToken);
            return $"{membership.User!.Name} now has the {set.Name} permission set in {client.Name}.";
        }
    }
}
