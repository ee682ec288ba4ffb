namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// R23: a client revokes a whole partner at once. The review lists every employee of that partner who leaves; confirming
/// removes them all in one change, ends the relationship that day, and tells the partner by email.
/// </summary>
public class RevokePartnerModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, long partnerHubId, CancellationToken ct) => ShowAsync(hubId, partnerHubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long partnerHubId, [FromForm(Name = "confirm")] bool confirm, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, partnerHubId, confirm), this.FlashThen(() => RedirectToPage("Partners", new { hubId })), () => ShowAsync(hubId, partnerHubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, long partnerHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, partnerHubId), view => View = view);

    public sealed record Query(long HubId, long PartnerHubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed record Leaver(string Name, string Email, string Access);

    public sealed record Model(ClientHeader Header, long PartnerHubId, string PartnerName, IReadOnlyList<Leaver> Employees, int Count);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            // Only a partner that services this client (or has employees here) is found: another tenant's Hub ID is not.
            var partner = await db.Accounts.AsNoTracking().Where(a => a.HubId == request.PartnerHubId && a.Kind == AccountKind.Partner
                    && (db.CurrentRelationships.Any(r => r.PartnerHubId == a.HubId && r.ClientHubId == request.HubId)
                        || db.Memberships.Any(m => m.AccountHubId == request.HubId && m.PartnerHubId == a.HubId)))
                .Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
            if (partner is null) return Failure.NotFound;
            // R23: the client's own decision; the Partners page offers it to nobody else, and this page is forbidden to them.
            if (WhoMayChangeWhom.WhyNotRevokePartner(scope.ActorHere, scope.Account.Membership, scope.Account.Name) is not null) return Failure.Forbidden;
            var employees = db.Memberships.AsNoTracking().Where(m => m.AccountHubId == request.HubId && m.PartnerHubId == request.PartnerHubId);
            var shown = await employees.OrderBy(m => m.UserName).Take(200)
                .Select(m => new { m.UserName, m.UserEmail, m.AccessType, Set = m.PermissionSet == null ? null : m.PermissionSet.Name, m.KeepsBilling })
                .ToListAsync(cancellationToken);
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Partners), request.PartnerHubId, partner,
                shown.Select(e => new Leaver(e.UserName, e.UserEmail, ClientUsers.AccessOf(e.AccessType, e.Set, e.KeepsBilling))).ToList(),
                await employees.CountAsync(cancellationToken));
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command(long HubId, long PartnerHubId, bool Confirm) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.Confirm).Equal(true).WithMessage("Tick the box to confirm that the partner loses all access.");
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var serviced = await db.CurrentRelationships.AnyAsync(r => r.PartnerHubId == request.PartnerHubId && r.ClientHubId == request.HubId, cancellationToken);
            var count = client.PartnerEmployeesOf(request.PartnerHubId).Count();
            if (!serviced && count == 0) return Failure.NotFound;
            var outcome = client.RevokePartner(scope.ActorHere, request.PartnerHubId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken); // the relationship ends and the partner is told, in the same transaction
            return $"The partner was revoked: {count} {(count == 1 ? "employee" : "employees")} lost access, and the relationship ended today. The partner was told by email.";
        }
    }
}
