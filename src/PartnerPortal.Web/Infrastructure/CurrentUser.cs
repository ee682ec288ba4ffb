using System.Globalization;
using System.Security.Claims;

namespace PartnerPortal.Web.Infrastructure;

public interface ICurrentUser
{
    Guid UserId { get; }
    bool IsSignedIn { get; }

    /// <summary>B8: the personal access token this request came with, or null in the browser (and for jobs).</summary>
    ApiCaller? Token { get; }
}

/// <summary>B8: a request made with a personal access token: which token, the one account it acts in, and its scopes.</summary>
public sealed record ApiCaller(Guid TokenId, long AccountHubId, ApiScopes Scopes);

/// <summary>Who is asking, for the handlers. Set from the cookie or the token by a middleware, or by a test fixture.</summary>
public sealed class CurrentUser : ICurrentUser
{
    /// <summary>The claims a token's principal carries beside the user's id (<see cref="Security.ApiTokenAuthentication"/>).</summary>
    public const string TokenClaim = "pp:token", TokenAccountClaim = "pp:token-account", TokenScopesClaim = "pp:token-scopes";

    public Guid UserId { get; private set; }
    public bool IsSignedIn => UserId != Guid.Empty;
    public ApiCaller? Token { get; private set; }

    public void Become(Guid userId, ApiCaller? token = null)
    {
        UserId = userId;
        Token = token;
    }

    public void Become(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        UserId = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        Token = UserId != Guid.Empty
            && Guid.TryParse(principal.FindFirstValue(TokenClaim), out var token)
            && long.TryParse(principal.FindFirstValue(TokenAccountClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var account)
            && int.TryParse(principal.FindFirstValue(TokenScopesClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var scopes)
            ? new ApiCaller(token, account, (ApiScopes)scopes)
            : null;
    }
}
