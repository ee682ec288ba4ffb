namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R8: link an employee who already is a user in client accounts, so that they count for managed credit.</summary>
public class LinkClientsModel(IMediator mediator) : PageModel
{
    public const int MaxClients = 1000;

    [BindProperty] public Command Data { get; set; } = new();

    /// <summary>The clients picker's search, on the server.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    /// <summary>What was ticked before a search, carried along by it so that the choices stay.</summary>
    [BindProperty(SupportsGet = true, Name = "selected")] public List<long> Selected { get; set; } = [];

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        Data = new Command { ClientHubIds = Selected.Distinct().Take(MaxClients).ToList() };
        return await ShowAsync(hubId, employeeId, ct);
    }

    public Task<IActionResult> OnPostAsync(long hubId, Guid employeeId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, EmployeeId = employeeId }, message =>
        {
            this.Flash(message, this.ReceiptOf(hubId));
            return RedirectToPage("Employee", new { hubId, employeeId });
        }, () => ShowAsync(hubId, employeeId, ct), nameof(Data));

    private Task<IActionResult> ShowAsync(long hubId, Guid employeeId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, employeeId, Search, Data.ClientHubIds.Distinct().Take(MaxClients).ToList()), view => View = view);

    /// <param name="Selected">Clients already ticked: listed first, whatever the search.</param>
    public sealed record Query(long PartnerHubId, Guid EmployeeId, string? Search = null, IReadOnlyList<long>? Selected = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed record Choice(long HubId, string Name, string Access);

    /// <param name="More">More clients match than the picker shows: search to find them.</param>
    public sealed record Model(CamHeader Header, Guid EmployeeId, string EmployeeName, string Email, bool OnPartnerDomain, IReadOnlyList<Choice> Clients,
        bool More, string? Search);

    public sealed class QueryHandler(PortalDb db, AccessScope scope, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();
            var hubId = request.PartnerHubId;

            // Client accounts this partner services where the person is a user but not yet one of its partner employees.
            // In name order from the memberships' list index, each checked against the partner's relationship with that client.
            var search = Picker.Search(request.Search, db);
            var selected = request.Selected ?? [];
            var query = db.Memberships.AsNoTracking().Include(m => m.PermissionSet)
                .Where(m => m.UserId == request.EmployeeId && m.AccountKind == AccountKind.Client && m.PartnerHubId == null)
                .Where(m => db.CurrentRelationships.Any(r => r.PartnerHubId == hubId && r.ClientHubId == m.AccountHubId));
            if (search is not null) query = query.Where(Picker.AccountMatches(search, selected));
            var candidates = (await Picker.TickedFirstInNameOrder(query, selected).Take(Picker.Size + selected.Count + 1).ToListAsync(cancellationToken))
                .Select(m => new { Membership = m, Name = m.AccountName, HubId = m.AccountHubId }).ToList();
            var domains = await db.EmailDomainsOfAsync(hubId, cancellationToken);
            var onDomain = PartnerEmailDomain.Covers(domains, employee.Value.Email);
            return new Model(CamHeader.For(scope.Account, "Employees"), employee.Value.Id, employee.Value.Name, employee.Value.Email, onDomain,
                candidates.Take(Picker.Size + selected.Count).Select(x => new Choice(x.Membership.AccountHubId, x.Name, x.Membership.Describe())).ToList(),
                candidates.Count > Picker.Size + selected.Count, request.Search);
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command : ICommand<Result<string>>, IAccountRequest
    {
        public long PartnerHubId { get; init; }
        public Guid EmployeeId { get; init; }
        public List<long> ClientHubIds { get; init; } = [];

        // R8: Client access manager in the partner account; each client must be one this partner services.
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.ClientHubIds).NotEmpty().WithMessage("Select at least one client.")
            .Must(ids => ids.Count <= MaxClients).WithMessage($"Link at most {MaxClients} clients at a time.");
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, AccountAccess access, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var employee = await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.EmployeeId, cancellationToken);
            if (!employee.Succeeded) return employee.AsFailure();

            // Every client chosen, with its members, in one read; one this partner does not service is not found, as for one.
            var ids = request.ClientHubIds.Distinct().ToList();
            // Tracked: linking makes an Ending relationship Active again (RelationshipKeeper finds them here).
            var serviced = (await db.CurrentRelationships.Where(r => r.PartnerHubId == request.PartnerHubId && ids.Contains(r.ClientHubId)).ToListAsync(cancellationToken)).Select(r => r.ClientHubId).ToList();
            var clients = await db.ClientAccounts.WithMembers().Where(a => serviced.Contains(a.HubId))
                .ToDictionaryAsync(a => a.HubId, cancellationToken);
            if (ids.Any(id => !clients.ContainsKey(id))) return Failure.NotFound;

            var linked = 0;
            var first = "";
            foreach (var client in ids.Select(id => clients[id]))
            {
                var outcome = client.LinkPartnerEmployee(request.EmployeeId, request.PartnerHubId, scope.PartnerActor, clock.GetUtcNow());
                if (!outcome.Succeeded) return Failure.Refused($"{client.Name}: {outcome.Refusal}");
                if (linked++ == 0) first = client.Name;
            }
            await db.SaveChangesAsync(cancellationToken);
            var where = linked == 1 ? first : $"{linked} clients";
            return $"{employee.Value.Name} is linked to {where} and counts for managed credit there.";
        }
    }
}
