namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A user of a client account in Users &amp; Teams: their access, seat and partner; change their access (R24, R28);
/// migrate a Super Admin who is a partner employee to Partner Admin (seed 004's second way, R13/R14 — the same domain
/// rule as the Client Access Manager's); remove them (R23).
/// </summary>
public class UserModel(IMediator mediator) : PageModel
{
    [BindProperty] public SetAccess Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, Guid userId, CancellationToken ct) => ShowAsync(hubId, userId, ct);

    public Task<IActionResult> OnPostAccessAsync(long hubId, Guid userId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId, UserId = userId }, Done(hubId, userId), () => ShowAsync(hubId, userId, ct), nameof(Data));

    public Task<IActionResult> OnPostMigrateAsync(long hubId, Guid userId, [FromForm(Name = "keepBilling")] bool keepBilling, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Migrate(hubId, userId, keepBilling), Done(hubId, userId), () => ShowAsync(hubId, userId, ct));

    public Task<IActionResult> OnPostRemoveAsync(long hubId, Guid userId, [FromForm(Name = "confirm")] bool confirm, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RemoveFromAccount(hubId, userId, confirm), this.FlashThen(() => RedirectToPage("Users", new { hubId })), () => ShowAsync(hubId, userId, ct));

    private Func<string, IActionResult> Done(long hubId, Guid userId) => this.FlashThen(() => RedirectToPage(new { hubId, userId }));

    private Task<IActionResult> ShowAsync(long hubId, Guid userId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, userId), view => View = view);

    public sealed record Query(long HubId, Guid UserId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed record Model(ClientHeader Header, Guid UserId, string Name, string Email, AccessType AccessType, string Access, SeatType Seat,
        int? PermissionSetId, string? Partner, string? GrantedVia, DateTimeOffset? EndsAt, DateTimeOffset? LastActivity,
        IReadOnlyList<CreateUserModel.SetChoice> Sets, bool CanManageSuperAdmins, bool IsYou, Eligibility.Answer? MigrateTo, bool PartnerAccess = false);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var user = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.UserId == request.UserId)
                .Select(m => new
                {
                    m.UserName, m.UserEmail, m.AccessType, Set = m.PermissionSet == null ? null : m.PermissionSet.Name, m.PermissionSetId, m.Seat, m.KeepsBilling,
                    m.GrantedVia, m.ExpiresAt, PartnerAccess = m.PartnerAccessSince != null,
                    Partner = db.Accounts.Where(a => a.HubId == m.PartnerHubId).Select(a => a.Name).FirstOrDefault(),
                    LastActivity = db.QualifyingActivities.Where(a => a.ClientHubId == hubId && a.UserId == m.UserId)
                        .OrderByDescending(a => a.At).Select(a => (DateTimeOffset?)a.At).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (user is null) return Failure.NotFound;
            var sets = await db.PermissionSets.AsNoTracking().Where(s => s.AccountHubId == hubId && !s.IsStandardPartnerAdmin)
                .OrderBy(s => s.Name).Take(200).Select(s => new CreateUserModel.SetChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
            // Seed 004's second way: a Super Admin who is an eligible partner employee can be migrated to Partner Admin.
            var migrateTo = user.AccessType == AccessType.SuperAdmin
                ? await Eligibility.OfAsync(db, hubId, user.UserEmail, clock.GetUtcNow(), cancellationToken)
                : null;
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Users), request.UserId, user.UserName, user.UserEmail, user.AccessType,
                ClientUsers.AccessOf(user.AccessType, user.Set, user.KeepsBilling), user.Seat, user.PermissionSetId, user.Partner, user.GrantedVia,
                user.ExpiresAt, user.LastActivity, sets, AccessPolicy.CanManageSuperAdmins(scope.Account.Membership),
                request.UserId == scope.Account.Membership.UserId, migrateTo, user.PartnerAccess);
        }
    }

    public sealed record SetAccess : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public Guid UserId { get; init; }
        public string Access { get; init; } = "";
        public int? PermissionSetId { get; init; }
        public SeatType Seat { get; init; } = SeatType.Core;

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);

        public ClientAccess ToAccess() => new CreateUserModel.Command { Access = Access, PermissionSetId = PermissionSetId, Seat = Seat }.ToAccess();
    }

    public sealed class SetAccessValidator : AbstractValidator<SetAccess>
    {
        public SetAccessValidator()
        {
            RuleFor(c => c.Access).Must(a => a is CreateUserModel.Command.PartnerAdminTemplate or CreateUserModel.Command.SuperAdmin or CreateUserModel.Command.PermissionSet)
                .WithMessage("Choose access: Partner Admin, Super Admin, or a permission set.");
            RuleFor(c => c.PermissionSetId).NotNull().When(c => c.Access == CreateUserModel.Command.PermissionSet).WithMessage("Choose a permission set.");
            RuleFor(c => c.Seat).Must(s => ClientUsers.OwnSeats.Contains(s)).When(c => c.Access == CreateUserModel.Command.PermissionSet)
                .WithMessage("Choose a Core, View-only or Paid seat.");
        }
    }

    public sealed class SetAccessHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<SetAccess, Result<string>>
    {
        public async Task<Result<string>> Handle(SetAccess request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var outcome = client.SetClientUserAccess(scope.ActorHere, request.UserId, request.ToAccess(), clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            var member = client.MembershipOf(request.UserId)!;
            return outcome.Changed ? $"{member.UserName} now has {member.Describe()}." : $"{member.UserName} already had that access.";
        }
    }

    public sealed record Migrate(long HubId, Guid UserId, bool KeepBillingPermissions) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class MigrateHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Migrate, Result<string>>
    {
        public async Task<Result<string>> Handle(Migrate request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var target = client.MembershipOf(request.UserId);
            if (target is null) return Failure.Refused($"That user is not a user of {client.Name} (any more).");
            // R13, R24: the partner they are an eligible employee of (or already work here for); the domain rule does the rest.
            var partner = target.PartnerHubId ?? (await Eligibility.OfAsync(db, client.HubId, target.UserEmail, now, cancellationToken)).PartnerHubId;
            var outcome = client.ChangeToPartnerAdmin(scope.ActorHere, request.UserId, request.KeepBillingPermissions, partner, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken); // the account's Version is the concurrency token (R14)
            return $"{target.UserName} is now Partner Admin{(request.KeepBillingPermissions ? ", keeping billing permissions" : "")}, on a partner seat.";
        }
    }

    public sealed record RemoveFromAccount(long HubId, Guid UserId, bool Confirm) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class RemoveFromAccountValidator : AbstractValidator<RemoveFromAccount>
    {
        public RemoveFromAccountValidator() => RuleFor(c => c.Confirm).Equal(true).WithMessage("Tick the box to confirm the removal.");
    }

    public sealed class RemoveFromAccountHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<RemoveFromAccount, Result<string>>
    {
        public async Task<Result<string>> Handle(RemoveFromAccount request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var name = client.MembershipOf(request.UserId)?.UserName;
            var outcome = client.RemoveClientUsers(scope.ActorHere, [request.UserId], AuditActions.UserRemovedByTheClient, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken); // R12 follows from the domain's events (RelationshipKeeper)
            return $"{name} was removed from {client.Name}.";
        }
    }
}
