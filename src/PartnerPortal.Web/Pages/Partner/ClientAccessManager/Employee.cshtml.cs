using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>One partner employee: their clients and managed credit there, and the Actions menu (Copy access link, Link clients, Remove employee from clients).</summary>
public class EmployeeModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    /// <summary>B3: ask the client to extend time-bound access; the client decides (its ledger), nothing changes until then.</summary>
    public Task<IActionResult> OnPostAskToExtendAsync(long hubId, Guid employeeId, [FromForm(Name = "client")] long client, [FromForm(Name = "until")] DateOnly? until,
        CancellationToken ct) =>
        this.SubmitAsync(mediator, new AskToExtend(hubId, employeeId, client, until), this.FlashThen(() => RedirectToPage(new { hubId, employeeId })),
            () => OnGetAsync(hubId, employeeId, ct));

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, employeeId, Search, PageNumber), ct);
        if (result.Status == ResultStatus.Invalid)
        {
            ModelState.AddFieldErrors(result.Errors);
            result = await mediator.Send(new Query(hubId, employeeId), ct);
        }
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    /// <summary>The employee and a page of their clients (searched by name or Hub ID); clients in <paramref name="Selected"/> come first.</summary>
    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long PartnerHubId, Guid EmployeeId, string? Search = null, int Page = 1, IReadOnlyList<long>? Selected = null)
        : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator()
        {
            RuleFor(q => q.Search).IsSearch("a name or Hub ID");
            RuleFor(q => q.Page).IsPageNumber();
            RuleFor(q => q.Selected).Must(s => s is null || s.Count <= RemovePartnerEmployees.MaxPairs)
                .WithMessage($"Choose at most {RemovePartnerEmployees.MaxPairs} clients at a time.");
        }
    }

    /// <param name="Connected">Works there for this partner (seated or linked); otherwise a user there whom Link clients can connect.</param>
    /// <param name="EndsAt">B3: when their access here ends, if it does.</param>
    public sealed record ClientAccess(long HubId, string Name, string Access, bool Connected, string ManagedCredit, bool Stale = false, DateTimeOffset? EndsAt = null);

    /// <param name="More">There is a next page (or, with a search, more matches).</param>
    public sealed record Model(CamHeader Header, Guid EmployeeId, string Name, string Email, IReadOnlyList<ClientAccess> Clients, int Page, bool More, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, AccountAccess access, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var partnerHubId = request.PartnerHubId;

            // Their memberships in this partner's current clients: connected to this partner, or not connected to any.
            var search = Picker.Search(request.Search, db);
            var selected = request.Selected ?? [];
            // In name order from the memberships' (UserId, AccountName) index, each checked against the partner's relationship
            // with that client: a page is a walk of fifty-odd entries, not a sort of every client they are in.
            var query = db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == request.EmployeeId && (m.PartnerHubId == partnerHubId || m.PartnerHubId == null))
                .Where(m => db.CurrentRelationships.Any(r => r.PartnerHubId == partnerHubId && r.ClientHubId == m.AccountHubId));
            if (search is not null) query = query.Where(Picker.AccountMatches(search, selected));
            // A page and one row more (is there a next page?): no count over every client they are in.
            var size = Query.PageSize + selected.Count;
            var memberships = await Picker.TickedFirstInNameOrder(query, selected).Skip(PagingRules.SkipFor(request.Page, size)).Take(size + 1).ToListAsync(cancellationToken);
            // The employee was found among the partner's employees (switch on): only the domains are left to read.
            var domains = await db.EmailDomainsOfAsync(partnerHubId, cancellationToken);
            var onDomain = PartnerEmailDomain.Covers(domains, employee.Value.Email);
            // B5: which of the page's accesses for this partner are stale: the clients among them where they acted within the period.
            var cutoff = AccessReviews.Staleness.Cutoff(scope.Account.StaleAfterDays, clock.GetUtcNow());
            var candidates = memberships.Take(size).Where(m => m.PartnerHubId == partnerHubId && m.GrantedAt < cutoff && (m.ReviewedAt is null || m.ReviewedAt < cutoff))
                .Select(m => m.AccountHubId).ToList();
            var active = candidates.Count == 0 ? [] : await db.QualifyingActivities.Where(a => a.UserId == request.EmployeeId && candidates.Contains(a.ClientHubId) && a.At >= cutoff)
                .Select(a => a.ClientHubId).Distinct().ToListAsync(cancellationToken);
            var clients = memberships.Take(size).Select(m => new ClientAccess(m.AccountHubId, m.AccountName, m.Describe(),
                m.PartnerHubId == partnerHubId, ManagedCredit.Of(m, partnerHubId, isPartnerEmployee: true, onDomain).Label,
                candidates.Contains(m.AccountHubId) && !active.Contains(m.AccountHubId), m.PartnerHubId == partnerHubId ? m.ExpiresAt : null)).ToList();
            return new Model(CamHeader.For(scope.Account, "Employees"), request.EmployeeId, employee.Value.Name, employee.Value.Email, clients,
                request.Page, memberships.Count > size, request.Search);
        }
    }

    /// <param name="Until">The last day the partner asks for.</param>
    public sealed record AskToExtend(long PartnerHubId, Guid EmployeeId, long ClientHubId, DateOnly? Until) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class AskToExtendValidator : AbstractValidator<AskToExtend>
    {
        public AskToExtendValidator()
        {
            RuleFor(a => a.Until).NotNull().WithMessage("Choose the last day of access to ask for.").IsEndDay();
            RuleFor(a => a.ClientHubId).GreaterThan(0).WithMessage("Choose one of their clients.");
        }
    }

    /// <summary>
    /// B3: renewing from the partner's side takes the client's approval again, as an access link does: the client's Super Admins and
    /// holders of Add and edit users are asked (email and notification) and extend it on their ledger if they agree.
    /// </summary>
    public sealed class AskToExtendHandler(PortalDb db, AccessScope scope, MailOutbox mail, PublicUrls urls, TimeProvider clock) : IRequestHandler<AskToExtend, Result<string>>
    {
        public async Task<Result<string>> Handle(AskToExtend request, CancellationToken cancellationToken)
        {
            var access = await db.Memberships.AsNoTracking()
                .Where(m => m.AccountHubId == request.ClientHubId && m.UserId == request.EmployeeId && m.PartnerHubId == request.PartnerHubId && m.AccountKind == AccountKind.Client)
                .Select(m => new { m.ExpiresAt, m.UserName, m.UserEmail, m.AccountName }).SingleOrDefaultAsync(cancellationToken);
            if (access is null) return Failure.NotFound;
            if (access.ExpiresAt is not { } endsAt) return Failure.Refused($"{access.UserName}'s access to {access.AccountName} has no end date: there is nothing to extend.");
            var until = AccessEnd.EndOf(request.Until)!.Value;
            if (until <= endsAt || until <= clock.GetUtcNow()) return Failure.Refused($"Ask for a day after {Day(endsAt)}, when their access ends now.");
            var link = $"/{request.ClientHubId}/client/partner-access?partner={request.PartnerHubId}";
            var admins = await PartnerNotices.Holders(db, request.ClientHubId, Permission.AddAndEditUsers, exceptFor: request.PartnerHubId).ToListAsync(cancellationToken);
            foreach (var admin in admins)
                mail.Enqueue(admin, NotificationKind.ExtensionRequested, $"{scope.Account.Name} asks to extend {access.UserName}'s access",
                    $"Hello {admin.Name},\n\n{scope.Account.Membership.UserName} of {scope.Account.Name} asks you to extend the access of {access.UserName} ({access.UserEmail}) " +
                    $"to {access.AccountName} until the end of {Day(until)}; it ends at the end of {Day(endsAt)} now. If you agree, set the new end date on your partner access page; " +
                    $"otherwise the access ends as planned.\n\n{urls.Absolute(link)}\n\nPartner Portal", link);
            await db.SaveChangesAsync(cancellationToken);
            return $"{access.AccountName} was asked to extend {access.UserName}'s access until {Day(until)}. It changes only when the client agrees.";
        }

        private static string Day(DateTimeOffset endsAt) => AccessEnd.LastDay(endsAt).ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);
    }
}
