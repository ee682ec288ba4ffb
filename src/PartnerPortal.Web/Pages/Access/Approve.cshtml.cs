using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Web.Pages.Access;

/// <summary>
/// R2–R4, the client's side of an access link: opening it shows who asks and changes nothing;
/// approving is a POST by a Super Admin (or Add and edit users) of the client account they pick.
/// </summary>
[EnableRateLimiting(RateLimits.AccessLink)]
public class ApproveModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "approved")] public long? ApprovedHubId { get; set; }

    /// <summary>Finds an account among many by name or Hub ID.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>Set when the approval changed nothing: the employee already had that access, and no email went out.</summary>
    [BindProperty(SupportsGet = true, Name = "unchanged")] public bool Unchanged { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) => await ShowAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(Data with { Token = token }, ct);
        if (result.Status == ResultStatus.NotFound)
        {
            // The link is no longer valid (the page then says so), or the account chosen does not exist.
            ModelState.AddModelError(nameof(Data), "Choose one of the accounts listed.");
            return await ShowAsync(token, ct);
        }
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        return result.Succeeded
            ? RedirectToPage(new { token, approved = Data.ClientHubId, unchanged = result.Value ? (bool?)null : true })
            : await ShowAsync(token, ct);
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(token, Search, ApprovedHubId ?? (Data.ClientHubId > 0 ? Data.ClientHubId : null)), ct);
        View = result.Value;
        if (result.Status == ResultStatus.NotFound) Response.StatusCode = StatusCodes.Status404NotFound; // reset, unknown, tampered or its owner gone
        else if (this.FailureResult(result) is { } failure) return failure;
        return Page();
    }

    [NotAccountScoped("The token is the capability; it lists only the signed-in user's own client accounts where they may approve.")]
    /// <param name="Chosen">The account just approved or chosen: listed whatever the search.</param>
    public sealed record Query(string Token, string? Search = null, long? Chosen = null) : IRequest<Result<Model>>;

    /// <param name="AlreadyApproved">The employee already works there for this partner as Partner Admin or Super Admin: approving again changes nothing.</param>
    public sealed record ClientChoice(long HubId, string Name, string? CurrentAccess, bool AlreadyApproved);

    /// <summary>Null parts when the link is not valid.</summary>
    /// <param name="More">More accounts qualify than are listed: search to find them.</param>
    public sealed record Model(string? PartnerName, long PartnerHubId, string? EmployeeName, string? EmployeeEmail, IReadOnlyList<ClientChoice> Clients,
        bool More = false, string? Search = null);

    public sealed class QueryHandler(PortalDb db, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var asking = await LinkLookup.FindAsync(db, request.Token, cancellationToken);
            if (asking is null) return Failure.NotFound;

            // Client accounts (never partner accounts, R4) where the viewer may approve (R2): filtered and bounded by the database.
            var search = Picker.Search(request.Search, db);
            var chosen = request.Chosen ?? 0;
            // In name order from the memberships' (UserId, AccountName) index: a walk until fifty qualify, not a sort of every account.
            var query = db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == access.UserId && m.AccountKind == AccountKind.Client).Where(Membership.HasInQuery(AccessPolicy.ApprovesAccessLinks))
                // SPEC §3 in SQL, to bound the list: not where you work for another partner (a Super Admin there may); the policy decides each below.
                .Where(m => m.AccessType == AccessType.SuperAdmin || m.PartnerHubId == null || m.PartnerHubId == asking.PartnerHubId);
            if (search is not null) query = query.Where(Picker.AccountMatches(search, [chosen]));
            var mine = (await Picker.TickedFirstInNameOrder(query, request.Chosen is null ? [] : [chosen]).Take(Picker.Size + 1).ToListAsync(cancellationToken))
                .Select(m => new { Membership = m, HubId = m.AccountHubId, Name = m.AccountName }).ToList();
            var more = mine.Count > Picker.Size;
            var allowed = mine.Take(Picker.Size)
                .Where(x => WhoMayChangeWhom.WhyNotAdd(new Actor(access.UserId), x.Membership, null, asking.PartnerHubId, endsAt: false, x.Name) is null)
                .OrderBy(x => x.Name).ToList();
            var allowedIds = allowed.Select(x => x.HubId).ToList();
            var employeeAccess = await db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == asking.EmployeeId && allowedIds.Contains(m.AccountHubId)).ToDictionaryAsync(m => m.AccountHubId, cancellationToken);
            var choices = allowed
                .Select(x => employeeAccess.TryGetValue(x.HubId, out var e)
                    ? new ClientChoice(x.HubId, x.Name, e.Describe(), e.PartnerHubId == asking.PartnerHubId && AccessPolicy.Administers(e.AccessType))
                    : new ClientChoice(x.HubId, x.Name, null, false))
                .ToList();
            return new Model(asking.PartnerName, asking.PartnerHubId, asking.EmployeeName, asking.EmployeeEmail, choices, more, request.Search);
        }
    }

    public sealed record Command : ICommand<Result<bool>>, IAccountRequest
    {
        public string Token { get; init; } = "";
        public long ClientHubId { get; init; }

        /// <summary>B3: the approver may make the access time-bound: its last day, optional.</summary>
        public DateOnly? EndsOn { get; init; }

        // R2: Super Admin, or Add and edit users, in the account chosen.
        public AccessRequirement Requirement => AccessRequirement.InAccount(ClientHubId, Right.ApproveAccessLinks);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
            RuleFor(c => c.ClientHubId).GreaterThan(0).WithMessage("Choose the account the partner employee will have access to.");
            RuleFor(c => c.EndsOn).IsEndDay();
        }
    }

    public sealed class CommandHandler(PortalDb db, AccountAccess access, MailOutbox mail, TimeProvider clock) : IRequestHandler<Command, Result<bool>>
    {
        /// <returns>Whether anything changed (and the employee was emailed).</returns>
        public async Task<Result<bool>> Handle(Command request, CancellationToken cancellationToken)
        {
            var asking = await LinkLookup.FindAsync(db, request.Token, cancellationToken);
            if (asking is null) return Failure.NotFound;
            // The approver may hold the right in a partner account too (the requirement is any account's): no link leads into one.
            var client = await db.ClientAccounts.WithMembers().SingleOrDefaultAsync(a => a.HubId == request.ClientHubId, cancellationToken);
            if (client is null) return Failure.Refused("An access link cannot be approved into a partner account.");
            var employee = await db.DomainUsers.SingleAsync(u => u.Id == asking.EmployeeId, cancellationToken);
            // An approver who is a partner employee of the same partner acts for it (a qualifying activity, R12).
            var approverIsColleague = (await access.EmployeeOfPartnerAsync(asking.PartnerHubId, access.UserId, cancellationToken)).Succeeded;

            var outcome = client.ApproveAccessLink(employee, asking.PartnerHubId, new Actor(access.UserId, approverIsColleague ? asking.PartnerHubId : null), clock.GetUtcNow(),
                AccessEnd.EndOf(request.EndsOn));
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            if (outcome.Changed)
            {
                var now = client.MembershipOf(employee.Id)!.Describe();
                mail.Enqueue(new Recipient(employee.Id, employee.Email, employee.Name), NotificationKind.AccessGranted, $"{client.Name} approved your access link",
                    $"Hello {employee.Name},\n\n{client.Name} (Hub ID {client.HubId}) approved your access link. You are now {now} in their account, on behalf of {asking.PartnerName}.\n\nPartner Portal", $"/{client.HubId}/home");
            }
            await db.SaveChangesAsync(cancellationToken); // R3: the relationship becomes Active through the domain's events
            return outcome.Changed;
        }
    }
}
