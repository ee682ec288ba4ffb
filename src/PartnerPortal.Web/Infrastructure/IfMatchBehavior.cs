namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// B8: a change of an account that may name the version of it the caller read (the API's <c>If-Match</c> against the <c>ETag</c>
/// of a client's details or ledger). The pages never name one.
/// </summary>
public interface IVersionedChange
{
    /// <summary>The account whose version (<see cref="Account.Version"/>, its concurrency token) is expected.</summary>
    long VersionedHubId { get; }

    /// <summary>The version expected, or null for none.</summary>
    long? IfMatch { get; }
}

/// <summary>
/// B8: inside the command's transaction, before its handler: the account must still be at the version the request names. The
/// check is an UPDATE that changes nothing but holds the account's row until the commit, so that no other change can come
/// between it and the handler's own save (on SQLite the transaction holds the write lock from its start anyway).
/// </summary>
public sealed class IfMatchBehavior<TRequest, TResponse>(PortalDb db) : IPipelineBehavior<TRequest, TResponse>
{
    public const string Changed = "This has changed since you read it: read it again (its ETag) and decide again.";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IVersionedChange { IfMatch: { } expected } change) return await next();
        var held = await db.Accounts.Where(a => a.HubId == change.VersionedHubId && a.Version == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version), cancellationToken);
        if (held == 1) return await next();
        return ResultFactory.TryFail<TResponse>(new Failure(ResultStatus.PreconditionFailed, Changed), out var response)
            ? response
            : throw new InvalidOperationException($"{typeof(TRequest).Name} names a version, so it must answer with a Result<T>.");
    }
}
