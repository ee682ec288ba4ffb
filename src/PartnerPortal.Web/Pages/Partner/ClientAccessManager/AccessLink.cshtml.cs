namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R1, R4: Get access link / Copy access link, and resetting a link.</summary>
public class AccessLinkModel(IMediator mediator, PublicUrls urls) : PageModel
{
    /// <summary>Whose link; absent means your own. A value that is not one of your employees is not found, never your own.</summary>
    [BindProperty(SupportsGet = true, Name = "employee")] public Guid? EmployeeId { get; set; }

    public Model? View { get; private set; }

    public string? AbsoluteUrl => View?.Path is { } path ? urls.Absolute(path) : null;

    /// <summary>"?employee=" with nothing after it names nobody: it is not a request for your own link.</summary>
    private bool NamesNobody => EmployeeId is null && Request.Query.ContainsKey("employee");

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        if (NamesNobody) return NotFound();
        var result = await mediator.Send(new Query(hubId, EmployeeId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(long hubId, CancellationToken ct)
    {
        if (NamesNobody) return NotFound();
        var result = await mediator.Send(new Reset(hubId, EmployeeId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        this.Flash("A new link was made. The old link no longer works.");
        return RedirectToPage(new { hubId, employee = EmployeeId });
    }

    // An access link is a credential: reading it takes the scope that changes access.
    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Query(long PartnerHubId, Guid? EmployeeId) : IRequest<Result<Model>>, IAccountRequest
    {
        // R1: Super Admin or Client access manager, for your own link and for another employee's.
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    /// <param name="Path">Null when there is no usable link (none yet, or its keys are gone): reset to make one.</param>
    public sealed record Model(CamHeader Header, Guid EmployeeId, string EmployeeName, string Email, bool IsYours, string? Path, bool CanReset);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, AccountAccess access, AccessLinkTokens tokens) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var you = scope.Account.Membership;
            var employeeId = request.EmployeeId ?? you.UserId;
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, employeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();

            var link = await db.AccessLinks.AsNoTracking().SingleOrDefaultAsync(l => l.PartnerHubId == request.PartnerHubId && l.EmployeeUserId == employeeId, cancellationToken);
            var token = link is null ? null : tokens.Unseal(link);
            return new Model(CamHeader.For(scope.Account, "Clients"), employeeId, employee.Value.Name, employee.Value.Email,
                employeeId == you.UserId, token is null ? null : AccessLinkTokens.PathFor(token), AccessPolicy.CanResetAccessLink(you, employeeId));
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Reset(long PartnerHubId, Guid? EmployeeId) : ICommand<Result<bool>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class ResetHandler(PortalDb db, AccessScope scope, AccountAccess access, AccessLinkTokens tokens, TimeProvider clock) : IRequestHandler<Reset, Result<bool>>
    {
        public async Task<Result<bool>> Handle(Reset request, CancellationToken cancellationToken)
        {
            var you = scope.Account.Membership;
            var employeeId = request.EmployeeId ?? you.UserId;
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, employeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            if (!AccessPolicy.CanResetAccessLink(you, employeeId)) return Failure.Forbidden; // R4: the owner or a Super Admin

            var link = await db.AccessLinks.SingleOrDefaultAsync(l => l.PartnerHubId == request.PartnerHubId && l.EmployeeUserId == employeeId, cancellationToken);
            if (link is null) db.AccessLinks.Add(tokens.Issue(request.PartnerHubId, employeeId, clock.GetUtcNow()));
            else tokens.Reset(link, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
