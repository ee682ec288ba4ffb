namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R9: Change permission set of one partner employee in a client account.</summary>
public class ChangePermissionSetModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct) =>
        await ShowAsync(hubId, clientHubId, employeeId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId, EmployeeId = employeeId }, message =>
        {
            this.Flash(message, this.ReceiptOf(hubId));
            return RedirectToPage("ClientDetails", new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, employeeId, ct), nameof(Data));

    private async Task<IActionResult> ShowAsync(long hubId, long clientHubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, clientHubId, employeeId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        if (Data.PermissionSetId == 0) Data = Data with { PermissionSetId = result.Value.CurrentSetId ?? 0 };
        return Page();
    }

    public sealed record Query(long PartnerHubId, long ClientHubId, Guid EmployeeId) : IRequest<Result<Model>>, IAccountRequest
    {
        // R9: as a Partner Admin (or Super Admin) of the client.
        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, Guid EmployeeId, string EmployeeName, string CurrentAccess,
        int? CurrentSetId, IReadOnlyList<AddEmployeesModel.SetChoice> PermissionSets);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var client = scope.Client;
            var employee = await db.Memberships.AsNoTracking()
                .Where(m => m.AccountHubId == client.HubId && m.UserId == request.EmployeeId && m.PartnerHubId == request.PartnerHubId)
                .Select(m => new { m.User!.Name, m.AccessType, Set = m.PermissionSet!.Name, m.PermissionSetId, m.Seat, m.KeepsBilling })
                .SingleOrDefaultAsync(cancellationToken);
            if (employee is null) return Failure.NotFound;
            return new Model(CamHeader.For(scope.Account, "Clients"), client.HubId, client.Name, request.EmployeeId, employee.Name,
                Membership.Describe(employee.AccessType, employee.Set, employee.Seat, employee.KeepsBilling), employee.PermissionSetId,
                await AddEmployeesModel.SetChoicesAsync(db, client.HubId, cancellationToken));
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command : ICommand<Result<string>>, IAccountRequest, IVersionedChange
    {
        /// <summary>B8: the client's version the API caller read (If-Match); never from a form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public long? IfMatch { get; init; }

        long IVersionedChange.VersionedHubId => ClientHubId;

        public long PartnerHubId { get; init; }
        public long ClientHubId { get; init; }
        public Guid EmployeeId { get; init; }
        public int PermissionSetId { get; init; }

        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.PermissionSetId).GreaterThan(0).WithMessage("Select a permission set.");
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadClientAsync(cancellationToken);
            var membership = client.MembershipOf(request.EmployeeId);
            if (membership?.PartnerHubId != request.PartnerHubId) return Failure.NotFound;
            var set = client.PermissionSets.SingleOrDefault(s => s.Id == request.PermissionSetId);
            if (set is null) return Failure.Refused("Select one of this client's permission sets.");

            var outcome = client.ChangePermissionSet(request.EmployeeId, set, scope.PartnerActor, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            return $"{membership.User!.Name} now has the {set.Name} permission set in {client.Name}.";
        }
    }
}
