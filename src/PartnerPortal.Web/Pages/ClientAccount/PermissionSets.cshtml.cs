namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's permission sets: create, rename, change and delete its own (the standard Partner Admin set is fixed), with
/// Super Admin or Add and edit users. A set never holds Super Admin rights, billing or sensitive data (R28).
/// </summary>
public class PermissionSetsModel(IMediator mediator) : PageModel
{
    [BindProperty] public Save Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostSaveAsync(long hubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId }, Done(hubId), () => ShowAsync(hubId, ct), nameof(Data));

    public Task<IActionResult> OnPostDeleteAsync(long hubId, [FromForm(Name = "set")] int setId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Delete(hubId, setId), Done(hubId), () => ShowAsync(hubId, ct));

    private Func<string, IActionResult> Done(long hubId) => this.FlashThen(() => RedirectToPage(new { hubId }));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    /// <summary>What a client's own set may hold, with labels, in order.</summary>
    public static readonly IReadOnlyList<(Permission Permission, string Label)> Choices =
        Permissions.Labels.Where(l => Domain.ClientAccount.SetPermissions(l.Permission) == l.Permission).ToList();

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed record SetRow(int Id, string Name, Permission Permissions, bool Standard, int Holders);

    public sealed record Model(ClientHeader Header, IReadOnlyList<SetRow> Sets);

    public const int Shown = 200;

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var sets = await db.PermissionSets.AsNoTracking().Where(s => s.AccountHubId == request.HubId)
                .OrderByDescending(s => s.IsStandardPartnerAdmin).ThenBy(s => s.Name).Take(Shown)
                .Select(s => new SetRow(s.Id, s.Name, s.Permissions, s.IsStandardPartnerAdmin,
                    db.Memberships.Count(m => m.AccountHubId == request.HubId && m.PermissionSetId == s.Id)))
                .ToListAsync(cancellationToken);
            return new Model(ClientHeader.For(scope.Account, ClientHeader.PermissionSets), sets);
        }
    }

    /// <summary>Create (no <see cref="SetId"/>) or change a set.</summary>
    public sealed record Save : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public int? SetId { get; init; }
        public string Name { get; init; } = "";
        public List<Permission> Permissions { get; init; } = [];

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class SaveValidator : AbstractValidator<Save>
    {
        public SaveValidator()
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name for the permission set.")
                .MaximumLength(100).WithMessage("A permission set's name has at most 100 characters.");
            RuleForEach(c => c.Permissions).Must(p => Choices.Any(c => c.Permission == p)).WithMessage("Choose permissions from the list.");
        }
    }

    public sealed class SaveHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Save, Result<string>>
    {
        public async Task<Result<string>> Handle(Save request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var permissions = request.Permissions.Aggregate(Permission.None, (all, p) => all | p);
            var outcome = request.SetId is { } id
                ? client.EditPermissionSet(scope.ActorHere, id, request.Name, permissions, clock.GetUtcNow())
                : client.CreatePermissionSet(scope.ActorHere, request.Name, permissions, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            var name = request.Name.Trim();
            return !outcome.Changed ? $"{name} already was so." : request.SetId is null ? $"Permission set {name} created." : $"Permission set {name} saved.";
        }
    }

    public sealed record Delete(long HubId, int SetId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class DeleteHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Delete, Result<string>>
    {
        public async Task<Result<string>> Handle(Delete request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var name = client.PermissionSets.FirstOrDefault(s => s.Id == request.SetId)?.Name;
            var outcome = client.DeletePermissionSet(scope.ActorHere, request.SetId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            if (!outcome.Changed) return Failure.NotFound; // another account's set, or gone
            await db.SaveChangesAsync(cancellationToken);
            return $"Permission set {name} deleted.";
        }
    }
}
