namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// The gate every account-scoped request passes before its handler: the requirement it declares is
/// checked with <see cref="AccountAccess"/> and <see cref="Domain.AccessPolicy"/>; a refusal is
/// answered as 404 (no such account for you) or 403 without the handler ever running.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(AccountAccess access, AccessScope scope) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IAccountRequest scoped) return await next();
        var refused = await access.AuthorizeAsync(scoped.Requirement, scope, cancellationToken);
        if (refused is not { } failure) return await next();
        return ResultFactory.TryFail<TResponse>(failure, out var response)
            ? response
            : throw new InvalidOperationException($"{typeof(TRequest).Name} is account-scoped, so it must answer with a Result<T>.");
    }
}
