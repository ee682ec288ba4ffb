namespace PartnerPortal.Web.Infrastructure;

/// <summary>One transaction per command; a failed result rolls back whatever the handler wrote.</summary>
public sealed class TransactionBehavior<TRequest, TResponse>(PortalDb db) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not ICommand || db.Database.CurrentTransaction is not null) return await next();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next();
        if (response is IHandlerResult { Succeeded: false })
        {
            await transaction.RollbackAsync(cancellationToken);
            return response;
        }
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
