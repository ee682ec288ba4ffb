using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Web.Tests;

/// <summary>Every SQL statement the app sends, so that a test can hold a request to a statement budget.</summary>
public sealed class StatementCounter : CommandObserver
{
    private readonly ConcurrentQueue<string> _statements = new();

    public IReadOnlyList<string> Statements => [.. _statements];

    public void Clear() => _statements.Clear();

    protected override void See(DbCommand command) => _statements.Enqueue(command.CommandText);
}

/// <summary>Sees every statement the app sends, however EF Core executes it (reader, non-query or scalar, sync or async).</summary>
public abstract class CommandObserver : DbCommandInterceptor
{
    protected abstract void See(DbCommand command);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        See(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        See(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        See(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        See(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        See(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        See(command);
        return base.ScalarExecuting(command, eventData, result);
    }
}
