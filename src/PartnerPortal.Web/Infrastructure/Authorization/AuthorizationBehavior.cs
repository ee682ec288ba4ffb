namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// The gate every account-scoped request passes before its handler: the requirement it declares is
/// checked with <see cref="AccountAccess"/> and <see cref="Domain.AccessPolicy"/>; a refusal is
/// answered as 404 (no such account for you) or 403 without the handler ever running. B8: a request made with a personal access
/// token first passes the token's own limits (<see cref="ApiTokenGate"/>), then the same check of the user's rights.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(AccountAccess access, AccessScope scope, ICurrentUser me) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        if (me.Token is { } token && ApiTokenGate.Refuses(request, token) is { } tokenRefusal) return Refuse(tokenRefusal);
        if (request is not IAccountRequest scoped) return await next();
        var refused = await access.AuthorizeAsync(scoped.Requirement, scope, cancellationToken);
        return refused is { } failure ? Refuse(failure) : await next();
    }

    private static TResponse Refuse(Failure failure) => ResultFactory.TryFail<TResponse>(failure, out var response)
        ? response
        : throw new InvalidOperationException($"{typeof(TRequest).Name} is account-scoped or sent with a token, so it must answer with a Result<T>.");
}
