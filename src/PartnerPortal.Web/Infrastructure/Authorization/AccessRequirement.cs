namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// What the signed-in user must hold before an account-scoped request's handler runs, declared by
/// the request itself (<see cref="IAccountRequest"/>) and checked by <see cref="AuthorizationBehavior{TRequest,TResponse}"/>
/// with <see cref="AccessPolicy"/>.
/// </summary>
public sealed record AccessRequirement
{
    private AccessRequirement(long hubId, AccountKind? kind, Right right, long? clientHubId, Right? inClient, bool partnerAccountsAsClients,
        bool reviewer = false, bool platformOperator = false)
    {
        IsPartnerAccessReviewer = reviewer;
        IsPlatformOperator = platformOperator;
        HubId = hubId;
        Kind = kind;
        Right = right;
        ClientHubId = clientHubId;
        InClient = inClient;
        PartnerAccountsAsClients = partnerAccountsAsClients;
    }

    /// <summary>The account where <see cref="Right"/> must be held.</summary>
    public long HubId { get; }

    /// <summary>The kind that account must be (a Hub ID of another kind is not found), or null for any.</summary>
    public AccountKind? Kind { get; }

    public Right Right { get; }

    /// <summary>A client the partner account <see cref="HubId"/> currently services, where the request acts.</summary>
    public long? ClientHubId { get; }

    /// <summary>What the user must also hold in that client, or null for nothing.</summary>
    public Right? InClient { get; }

    /// <summary>Whether a partner account serviced as a client will do (read-only pages); actions need a client account.</summary>
    public bool PartnerAccountsAsClients { get; }

    /// <summary>
    /// R27: a platform operator's request — the signed-in user must be a Partner Access reviewer. It names no account: a
    /// reviewer holds none, and reads only the requests in the review queue.
    /// </summary>
    public bool IsPartnerAccessReviewer { get; }

    public static AccessRequirement PartnerAccessReviewer { get; } = new(0, null, Right.Member, null, null, false, reviewer: true);

    /// <summary>O1/O2: the platform operator's pages (every account, suspending, creating accounts). Names no account either.</summary>
    public bool IsPlatformOperator { get; }

    public static AccessRequirement PlatformOperator { get; } = new(0, null, Right.Member, null, null, false, platformOperator: true);

    /// <summary>Any member of the account.</summary>
    public static AccessRequirement MemberOf(long hubId) => new(hubId, null, Right.Member, null, null, false);

    /// <summary>A right in a partner account.</summary>
    public static AccessRequirement InPartner(long partnerHubId, Right right) => new(partnerHubId, AccountKind.Partner, right, null, null, false);

    /// <summary>A right in a partner account, acting in a client account it services, holding <paramref name="inClient"/> there.</summary>
    public static AccessRequirement InClientOf(long partnerHubId, long clientHubId, Right right, Right? inClient = null) =>
        new(partnerHubId, AccountKind.Partner, right, clientHubId, inClient, false);

    /// <summary>As <see cref="InClientOf"/>, to look only: a partner account the partner services as a client will do.</summary>
    public static AccessRequirement ViewingClientOf(long partnerHubId, long clientHubId, Right right) =>
        new(partnerHubId, AccountKind.Partner, right, clientHubId, null, true);

    /// <summary>A right held in a client account itself: the client's own pages (a Hub ID of a partner is not found).</summary>
    public static AccessRequirement OwnClient(long clientHubId, Right right) => new(clientHubId, AccountKind.Client, right, null, null, false);

    /// <summary>A right held in the account itself, of any kind.</summary>
    public static AccessRequirement InAccount(long hubId, Right right) => new(hubId, null, right, null, null, false);
}
