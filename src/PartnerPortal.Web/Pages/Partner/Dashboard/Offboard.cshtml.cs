using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// B4: the employee panel's Offboard — a review of every client where they work for this partner and what they lose
/// there, an option to remove them from the partner account too (R20), then Offboard: all at once, ending on the receipt
/// (an entry per client, downloadable as CSV).
/// </summary>
public class OffboardModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "alsoFromPartner")] public bool AlsoFromPartner { get; set; }

    public Model? View { get; private set; }

    /// <summary>The review answers the panel's Offboard button (a POST); an address opened by itself goes back to the employee.</summary>
    public IActionResult OnGet(long hubId, Guid employeeId) => RedirectToPage("Employee", new { hubId, employeeId });

    public async Task<IActionResult> OnPostReviewAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(long hubId, Guid employeeId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, employeeId, AlsoFromPartner), message =>
        {
            var receipt = this.ReceiptOf(hubId);
            this.Flash(message, receipt);
            return receipt is not null ? Redirect(receipt) : RedirectToPage("Employees", new { hubId });
        }, () => OnPostReviewAsync(hubId, employeeId, ct));

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Query(long HubId, Guid EmployeeId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    /// <param name="WhyNotFromPartner">Why they cannot also be removed from the partner account (R20), or null.</param>
    /// <param name="WhyNotOffboard">Why you cannot offboard them at all (a Super Admin of the partner, and you are not one), or null.</param>
    public sealed record Model(DashboardHeader Header, Guid EmployeeId, string Name, string Email, RemovePartnerEmployees.Review Review, int Assignments,
        string? WhyNotFromPartner, string? WhyNotOffboard = null);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, Offboarding offboarding) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var person = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == request.HubId && m.UserId == request.EmployeeId)
                .Select(m => new { m.UserName, m.UserEmail }).SingleOrDefaultAsync(cancellationToken);
            if (person is null) return Failure.NotFound;
            var plan = await offboarding.PlanAsync(request.HubId, request.EmployeeId, cancellationToken);
            if (!plan.Succeeded) return plan.AsFailure();
            var assignments = await db.Assignments.CountAsync(a => a.PartnerHubId == request.HubId && a.EmployeeUserId == request.EmployeeId, cancellationToken);
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Employees), request.EmployeeId, person.UserName, person.UserEmail,
                plan.Value.Review, assignments, partner.WhyNotRemoveUser(scope.Account.Membership.UserId, request.EmployeeId),
                partner.WhyNotOffboard(scope.Account.Membership.UserId, request.EmployeeId));
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command(long HubId, Guid EmployeeId, bool AlsoFromPartner) : ICommand<Result<string>>, IAccountRequest
    {
        // B4: Super Admin or Client access manager; removing them from the partner account too takes Add and edit users (R20, the domain's check).
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CommandHandler(Offboarding offboarding) : IRequestHandler<Command, Result<string>>
    {
        public Task<Result<string>> Handle(Command request, CancellationToken cancellationToken) =>
            offboarding.RunAsync(request.HubId, request.EmployeeId, request.AlsoFromPartner, cancellationToken);
    }
}
