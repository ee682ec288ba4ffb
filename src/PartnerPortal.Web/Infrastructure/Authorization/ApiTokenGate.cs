using System.Collections.Concurrent;
using System.Reflection;

namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// B8: a request the API may send, and the scope a token needs for it. A request without it cannot be made with a token at
/// all (deny by default): only what the API offers is open to one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ApiScopeAttribute(ApiScopes scope) : Attribute
{
    /// <summary>The scope the token must hold; <see cref="ApiScopes.None"/>: any token (who am I).</summary>
    public ApiScopes Scope { get; } = scope;
}

/// <summary>
/// B8: the token's own limits, checked by the one gate (<see cref="AuthorizationBehavior{TRequest,TResponse}"/>) before the
/// user's rights are: the request must be one the API offers, the token must hold its scope, and the account the request
/// names must be the token's one account (another is not found, as for someone who is not a member). Platform and reviewer
/// requests name no account: never through a token.
/// </summary>
public static class ApiTokenGate
{
    private static readonly ConcurrentDictionary<Type, ApiScopes?> Scopes = new();

    /// <summary>The scope a request needs through a token, or null when no token may send it.</summary>
    public static ApiScopes? ScopeOf(Type requestType) =>
        Scopes.GetOrAdd(requestType, t => t.GetCustomAttribute<ApiScopeAttribute>()?.Scope);

    /// <summary>Why the token may not send this request, or null when it may (then the user's own rights are checked).</summary>
    public static Failure? Refuses(object request, ApiCaller token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        if (ScopeOf(request.GetType()) is not { } needed) return new Failure(ResultStatus.Forbidden, "This cannot be done with a personal access token.");
        if ((token.Scopes & needed) != needed) return new Failure(ResultStatus.Forbidden, $"This token lacks the {Api.ApiContract.ScopeName(needed)} scope.");
        if (request is not IAccountRequest scoped) return null;
        var requirement = scoped.Requirement;
        if (requirement.IsPartnerAccessReviewer || requirement.IsPlatformOperator)
            return new Failure(ResultStatus.Forbidden, "This cannot be done with a personal access token.");
        return requirement.HubId == token.AccountHubId ? null : Failure.NotFound;
    }
}
