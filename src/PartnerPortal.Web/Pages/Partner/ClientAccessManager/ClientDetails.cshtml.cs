namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R9, R11: a client's partner employees; Change permission set; select and Remove partner employee.</summary>
public class ClientDetailsModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "remove")] public List<Guid> Selected { get; set; } = [];

    public Model? View { get; private set; }

    public RemovePartnerEmployees.Review? Review { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => await ShowAsync(hubId, clientHubId, ct);

    /// <summary>Remove partner employee: shows what will happen, changes nothing.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        var review = await mediator.Send(new RemovePartnerEmployees.ReviewQuery(hubId, Pairs(clientHubId)), ct);
        if (this.FailureResult(review) is { } failure) return failure;
        Review = review.Value;
        return await ShowAsync(hubId, clientHubId, ct);
    }

    /// <summary>Confirm removal.</summary>
    public Task<IActionResult> OnPostConfirmAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RemovePartnerEmployees.Command(hubId, Pairs(clientHubId)), receipt =>
        {
            this.Flash(receipt.Summary(), this.ReceiptOf(hubId));
            return RedirectToPage(new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, ct));

    private List<RemovePartnerEmployees.Pair> Pairs(long clientHubId) => Selected.Select(u => new RemovePartnerEmployees.Pair(clientHubId, u)).ToList();

    private Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId, clientHubId), view => View = view);

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long PartnerHubId, long ClientHubId) : IRequest<Result<Model>>, IAccountRequest
    {
        // Looking only: a partner account the partner services as a client may be shown too.
        public AccessRequirement Requirement => AccessRequirement.ViewingClientOf(PartnerHubId, ClientHubId, Right.ClientAccessManager);
    }

    public sealed record Row(Guid UserId, string Name, string Email, string Access, string PermissionSet, DateTimeOffset GrantedAt, string ManagedCredit);

    /// <param name="YouAdminister">R9, R10: Partner Admin or Super Admin in the client, so its employees' access may be changed from here.</param>
    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, bool IsClientAccount, bool YouAdminister, IReadOnlyList<Row> Employees)
    {
        public bool CanAddEmployees => YouAdminister && IsClientAccount;
    }

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var client = scope.Client;
            var partnerHubId = request.PartnerHubId;
            var employees = await db.Memberships.AsNoTracking()
                .Where(m => m.AccountHubId == client.HubId && m.PartnerHubId == partnerHubId)
                .OrderBy(m => m.User!.Name).ThenBy(m => m.UserId)
                .Select(m => new
                {
                    Membership = m,
                    m.User!.Name,
                    m.User.Email,
                    Set = m.PermissionSet!.Name,
                    Tagged = db.Memberships.Any(p => p.AccountHubId == partnerHubId && p.UserId == m.UserId && p.IsPartnerEmployee),
                })
                .ToListAsync(cancellationToken);
            var domains = await db.EmailDomainsOfAsync(partnerHubId, cancellationToken);
            var rows = employees.Select(e => new Row(e.Membership.UserId, e.Name, e.Email, e.Membership.AccessType.Display(),
                    e.Membership.IsSuperAdmin ? "All (Super Admin)" : e.Set ?? "None", e.Membership.GrantedAt,
                    ManagedCredit.Of(e.Membership, partnerHubId, e.Tagged, PartnerEmailDomain.Covers(domains, e.Email)).Label))
                .ToList();
            return new Model(CamHeader.For(scope.Account, "Clients"), client.HubId, client.Name, client.Kind == AccountKind.Client,
                AccessPolicy.Administers(client.YourAccessType) && client.Kind == AccountKind.Client, rows);
        }
    }
}
