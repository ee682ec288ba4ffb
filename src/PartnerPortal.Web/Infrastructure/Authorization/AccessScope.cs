using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// What <see cref="AuthorizationBehavior{TRequest,TResponse}"/> checked and loaded for the request
/// being handled: the account (with your membership) and, when the request acts in a client, that
/// client account with its members, loaded for change. Reading a part the request did not require is a bug.
/// </summary>
public sealed class AccessScope
{
    private AccountView? _account;
    private Account? _client;

    public AccountView Account => _account ?? throw new InvalidOperationException("This request declared no account requirement.");

    public Account Client => _client ?? throw new InvalidOperationException("This request declared no client in its requirement.");

    /// <summary>The signed-in user's membership in <see cref="Client"/>, if any.</summary>
    public Membership? YouInClient => Client.MembershipOf(Account.Membership.UserId);

    /// <summary>The signed-in user acting through this partner account: a qualifying actor when their Partner employee switch is on (R12, R15).</summary>
    public Actor PartnerActor => new(Account.Membership.UserId, Account.Membership.IsPartnerEmployee ? Account.HubId : null);

    internal void Set(AccountView account, Account? client)
    {
        _account = account;
        _client = client;
    }
}
