namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R13, R14: Change to Partner Admin (yourself, or another Super Admin who is your partner's employee), with Keep billing permissions.</summary>
public class ChangeToPartnerAdminModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => await ShowAsync(hubId, clientHubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId }, message =>
        {
            this.Flash(message, this.ReceiptOf(hubId));
            return RedirectToPage("Index", new { hubId });
        }, () => ShowAsync(hubId, clientHubId, ct), nameof(Data));

    private Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, clientHubId), view => View = view);

    public sealed record Query(long PartnerHubId, long ClientHubId) : IRequest<Result<Model>>, IAccountRequest
    {
        // R13: changing anyone's access in a client takes Partner Admin or Super Admin there.
        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed record Candidate(Guid UserId, string Name, bool IsYou);

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, IReadOnlyList<Candidate> Candidates, int SuperAdmins);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var client = scope.Client;
            var youId = scope.Account.Membership.UserId;
            var youAreSuperAdmin = client.YourAccessType == AccessType.SuperAdmin;
            // Only Super Admins who are this partner's employees can be changed from here; yourself only while you are Super Admin.
            var superAdmins = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == client.HubId && m.AccessType == AccessType.SuperAdmin);
            var candidates = await superAdmins
                .Where(m => (m.UserId != youId || youAreSuperAdmin)
                    && db.Memberships.Any(p => p.AccountHubId == request.PartnerHubId && p.UserId == m.UserId && p.IsPartnerEmployee))
                .OrderByDescending(m => m.UserId == youId).ThenBy(m => m.User!.Name)
                .Select(m => new Candidate(m.UserId, m.User!.Name, m.UserId == youId))
                .Take(Picker.Size)
                .ToListAsync(cancellationToken);
            return new Model(CamHeader.For(scope.Account, "Clients"), client.HubId, client.Name, candidates, await superAdmins.CountAsync(cancellationToken));
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
        public Guid UserId { get; init; }
        public bool KeepBillingPermissions { get; init; }

        public AccessRequirement Requirement => AccessRequirement.InClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager, Right.AdministerClient);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.UserId).NotEqual(Guid.Empty).WithMessage("Choose who becomes Partner Admin.");
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, AccountAccess access, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadClientAsync(cancellationToken);
            var target = client.MembershipOf(request.UserId);
            // Not a member (any more: a removal may have come first): said on the form, as a refusal.
            if (target is null) return Failure.Refused($"That person is not a member of {client.Name} (any more). Look at the list again.");
            var isEmployee = (await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.UserId, cancellationToken)).Succeeded;

            var outcome = client.ChangeToPartnerAdmin(scope.PartnerActor, request.UserId, request.KeepBillingPermissions,
                isEmployee ? request.PartnerHubId : null, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken); // the account's Version is the concurrency token (R14)
            var who = request.UserId == access.UserId ? "You are" : $"{target.User!.Name} is";
            return $"{who} now Partner Admin in {client.Name}{(request.KeepBillingPermissions ? ", keeping billing permissions" : "")}.";
        }
    }
}
