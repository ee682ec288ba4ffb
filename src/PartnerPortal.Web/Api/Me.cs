namespace PartnerPortal.Web.Api;

/// <summary>B8: who a token acts as — its user, its one account and its scopes, and when it expires.</summary>
[ApiScope(ApiScopes.None)]
[NotAccountScoped("Who the token is: its own user and account, checked by the token's own limits.")]
public sealed record MeQuery : IRequest<Result<MeQuery.Answer>>
{
    public sealed record Answer(Guid UserId, string Name, string Email, long AccountHubId, string AccountName, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
}

public sealed class MeQueryHandler(PortalDb db, ICurrentUser me) : IRequestHandler<MeQuery, Result<MeQuery.Answer>>
{
    public async Task<Result<MeQuery.Answer>> Handle(MeQuery request, CancellationToken cancellationToken)
    {
        if (me.Token is not { } token) return Failure.NotFound;
        var found = await db.ApiTokens.AsNoTracking().Where(t => t.Id == token.TokenId)
            .Select(t => new
            {
                t.ExpiresAt,
                User = db.DomainUsers.Where(u => u.Id == t.UserId).Select(u => new { u.Name, u.Email }).First(),
                Account = db.Accounts.Where(a => a.HubId == t.AccountHubId).Select(a => a.Name).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return Failure.NotFound;
        return new MeQuery.Answer(me.UserId, found.User.Name, found.User.Email, token.AccountHubId, found.Account, ApiContract.ScopeNames(token.Scopes), found.ExpiresAt);
    }
}
