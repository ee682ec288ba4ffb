namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// What <see cref="AuthorizationBehavior{TRequest,TResponse}"/> checked for the request being handled:
/// the account (with your membership) and, when the request acts in a client, that client as checked.
/// Reading pages project what they show; a command that changes the client loads it with
/// <see cref="LoadClientAsync"/>. Reading a part the request did not require is a bug.
/// </summary>
public sealed class AccessScope(PortalDb db)
{
    private AccountView? _account;
    private ClientView? _client;
    private ClientAccount? _loaded;

    public AccountView Account => _account ?? throw new InvalidOperationException("This request declared no account requirement.");

    public ClientView Client => _client ?? throw new InvalidOperationException("This request declared no client in its requirement.");

    /// <summary>The signed-in user acting through this partner account: a qualifying actor when their Partner employee switch is on (R12, R15).</summary>
    /// SPEC §3 decides what they may change in a client by the rights they hold in the partner (<see cref="PartnerRole"/>).
    public Actor PartnerActor => new(Account.Membership.UserId, Account.Membership.IsPartnerEmployee ? Account.HubId : null,
        new PartnerRole(Account.HubId, Account.Membership.IsSuperAdmin, AccessPolicy.CanManageClientAccess(Account.Membership)));

    /// <summary>
    /// The signed-in user acting in the account itself (a client's own pages): a qualifying actor when they work there for
    /// a partner, so that their changes are the partner's qualifying activity (R12).
    /// </summary>
    public Actor ActorHere => new(Account.Membership.UserId, Account.Membership.PartnerHubId);

    /// <summary>The client account with its members and permission sets, tracked, to change it (once per request).</summary>
    public async Task<ClientAccount> LoadClientAsync(CancellationToken ct) =>
        _loaded ??= await db.ClientAccounts.WithMembers().SingleAsync(a => a.HubId == Client.HubId, ct);

    /// <summary>The account the requirement named, with its members, tracked, to change what both kinds share (once per request).</summary>
    public async Task<Account> LoadAccountAsync(CancellationToken ct) =>
        _loadedAccount ??= Account.Kind == AccountKind.Client ? await LoadOwnClientAsync(ct) : await LoadPartnerAsync(ct);

    /// <summary>The partner account the requirement named (<see cref="AccessRequirement.InPartner"/>), with its members and email domains, tracked.</summary>
    public async Task<PartnerAccount> LoadPartnerAsync(CancellationToken ct) =>
        (PartnerAccount)(_loadedAccount ??= await db.PartnerAccounts.WithMembers().Include(a => a.EmailDomains).SingleAsync(a => a.HubId == Account.HubId, ct));

    /// <summary>The client account the requirement named as the account itself (<see cref="AccessRequirement.OwnClient"/>), with its members and sets, tracked.</summary>
    public async Task<ClientAccount> LoadOwnClientAsync(CancellationToken ct) =>
        (ClientAccount)(_loadedAccount ??= await db.ClientAccounts.WithMembers().SingleAsync(a => a.HubId == Account.HubId, ct));

    private Account? _loadedAccount;

    internal void Set(AccountView account, ClientView? client)
    {
        _account = account;
        _client = client;
        _loaded = null;
        _loadedAccount = null;
    }
}
