namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// A user of the partner account, in Users &amp; Teams' right panel: their access, and the Partner program tab with the
/// Partner employee switch (R15).
/// </summary>
public class UserModel(IMediator mediator) : PageModel
{
    public const string AccessTab = "access";
    public const string PartnerProgramTab = "partner-program";

    [BindProperty(SupportsGet = true, Name = "tab")] public string? Tab { get; set; }

    [BindProperty] public SwitchPartnerEmployee Data { get; set; } = new();

    [BindProperty] public SetAccess Access { get; set; } = new();

    public Model? View { get; private set; }

    public string ActiveTab => Tab == PartnerProgramTab ? PartnerProgramTab : AccessTab;

    public Task<IActionResult> OnGetAsync(long hubId, Guid userId, CancellationToken ct) => ShowAsync(hubId, userId, ct);

    public Task<IActionResult> OnPostPartnerEmployeeAsync(long hubId, Guid userId, CancellationToken ct)
    {
        Tab = PartnerProgramTab;
        return this.SubmitAsync(mediator, Data with { HubId = hubId, UserId = userId }, this.FlashThen(() => RedirectToPage(new { hubId, userId, tab = PartnerProgramTab })), () => ShowAsync(hubId, userId, ct), nameof(Data));
    }

    public Task<IActionResult> OnPostAccessAsync(long hubId, Guid userId, CancellationToken ct)
    {
        Tab = AccessTab;
        return this.SubmitAsync(mediator, Access with { HubId = hubId, UserId = userId }, this.FlashThen(() => RedirectToPage(new { hubId, userId, tab = AccessTab })), () => ShowAsync(hubId, userId, ct, keepForm: true), nameof(Access));
    }

    private async Task<IActionResult> ShowAsync(long hubId, Guid userId, CancellationToken ct, bool keepForm = false)
    {
        var result = await mediator.Send(new Query(hubId, userId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        if (!keepForm) Access = new SetAccess { SuperAdmin = View.IsSuperAdmin, Permissions = [.. PartnerPermissionFields.FieldsOf(View.PermissionsHeld)] };
        return Page();
    }

    public sealed record Query(long HubId, Guid UserId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    /// <param name="Clients">Client accounts where they work for this partner (their memberships there stay when the switch goes off).</param>
    /// <param name="CanChangeAccess">Whether you may change their access: a Super Admin's, or making one, takes a Super Admin.</param>
    public sealed record Model(SettingsHeader Header, Guid UserId, string Name, string Email, bool OnPartnerDomain, string Access,
        IReadOnlyList<string> Permissions, bool IsPartnerEmployee, int Clients, bool IsSuperAdmin, Permission PermissionsHeld,
        bool CanMakeSuperAdmins, bool CanChangeAccess);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var user = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.UserId == request.UserId)
                .Select(m => new
                {
                    m.UserName,
                    m.UserEmail,
                    m.AccessType,
                    m.ExplicitPermissions,
                    m.IsPartnerEmployee,
                    Clients = db.Memberships.Count(c => c.UserId == m.UserId && c.PartnerHubId == hubId),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (user is null) return Failure.NotFound; // not a user of this partner account: another tenant's id finds nothing
            var domains = await db.EmailDomainsOfAsync(hubId, cancellationToken);
            var permissions = user.AccessType == AccessType.SuperAdmin
                ? Domain.Permissions.Describe(Domain.Permissions.PartnerAccount).ToList()
                : Domain.Permissions.Describe(user.ExplicitPermissions & Domain.Permissions.PartnerAccount).ToList();
            return new Model(SettingsHeader.For(scope.Account, SettingsHeader.Users), request.UserId, user.UserName, user.UserEmail,
                PartnerEmailDomain.Covers(domains, user.UserEmail), Domain.Permissions.DescribePartnerAccess(user.AccessType, user.ExplicitPermissions),
                permissions, user.IsPartnerEmployee, user.Clients, user.AccessType == AccessType.SuperAdmin,
                user.ExplicitPermissions & Domain.Permissions.PartnerAccount, scope.Account.Membership.IsSuperAdmin,
                scope.Account.Membership.IsSuperAdmin || user.AccessType != AccessType.SuperAdmin);
        }
    }

    /// <summary>The user's access in the partner account: Super Admin, or the partner permissions ticked.</summary>
    public sealed record SetAccess : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public Guid UserId { get; init; }
        public bool SuperAdmin { get; init; }
        public List<string> Permissions { get; init; } = [];

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed class SetAccessValidator : AbstractValidator<SetAccess>
    {
        public SetAccessValidator() => RuleFor(c => c.Permissions).ArePartnerPermissions();
    }

    public sealed class SetAccessHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<SetAccess, Result<string>>
    {
        public async Task<Result<string>> Handle(SetAccess request, CancellationToken cancellationToken)
        {
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var member = partner.MembershipOf(request.UserId);
            if (member is null) return Failure.NotFound;
            var outcome = partner.SetPartnerAccess(scope.Account.Membership.UserId, request.UserId, request.SuperAdmin,
                PartnerPermissionFields.Parse(request.Permissions), clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            var name = member.UserName;
            return outcome.Changed
                ? $"{name}'s access is now: {Domain.Permissions.DescribePartnerAccess(member.AccessType, member.ExplicitPermissions)}."
                : $"{name}'s access was already that.";
        }
    }

    /// <summary>R15: the Partner employee switch. <see cref="On"/> is where the switch goes.</summary>
    public sealed record SwitchPartnerEmployee : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public Guid UserId { get; init; }
        public bool On { get; init; }

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed class SwitchPartnerEmployeeHandler(PortalDb db, AccessScope scope, AccessLinkTokens tokens, TimeProvider clock) : IRequestHandler<SwitchPartnerEmployee, Result<string>>
    {
        public async Task<Result<string>> Handle(SwitchPartnerEmployee request, CancellationToken cancellationToken)
        {
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var member = partner.MembershipOf(request.UserId);
            if (member is null) return Failure.NotFound;
            var name = member.UserName;
            var was = member.IsPartnerEmployee;
            if (!request.On && was && await WhyNotSwitchOffAsync(partner, member, cancellationToken) is { } refusal) return Failure.Refused(refusal);
            partner.TagPartnerEmployee(request.UserId, request.On);
            if (!request.On)
            {
                await db.SaveChangesAsync(cancellationToken);
                return was
                    ? $"{name} is no longer a partner employee: they cannot be added to clients, hold partner seats or earn managed credit until switched on again."
                    : $"{name} is not a partner employee.";
            }
            // R1: a partner employee has a personal access link to send to clients; switching on makes one if they have none.
            var issued = await tokens.EnsureIssuedAsync(db, partner.HubId, request.UserId, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (!was)
                return $"{name} is now a partner employee: their work in your clients' accounts counts toward your managed credit." +
                    (issued ? " Their personal access link is ready to send to clients." : "");
            return $"{name} already is a partner employee.";
        }

        /// <summary>
        /// SPEC §1: only partner employees hold partner seats. While they still work in clients for the partner the switch stays
        /// on, and the page says where and how to take them out first (Offboard, B4).
        /// </summary>
        private async Task<string?> WhyNotSwitchOffAsync(Account partner, Membership member, CancellationToken ct)
        {
            var clients = db.Memberships.Where(m => m.UserId == member.UserId && m.PartnerHubId == partner.HubId && m.AccountKind == AccountKind.Client);
            var shown = await clients.OrderBy(m => m.AccountName).Select(m => m.AccountName).Take(3).ToListAsync(ct);
            if (shown.Count == 0) return null;
            var count = shown.Count < 3 ? shown.Count : await clients.CountAsync(ct);
            var where = count > shown.Count ? $"{string.Join(", ", shown)} and {count - shown.Count} more" : string.Join(" and ", shown);
            return $"{member.UserName} still works for {partner.Name} in {count} client {(count == 1 ? "account" : "accounts")} ({where}), on partner seats. " +
                $"Offboard them first (Partner > Dashboard > Partner Employees > {member.UserName} > Offboard), then switch Partner employee off.";
        }
    }
}
