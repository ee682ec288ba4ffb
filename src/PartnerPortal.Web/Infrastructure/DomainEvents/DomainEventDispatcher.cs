using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>
/// Dispatches the events raised by tracked aggregates just before their changes are saved, so that
/// what the handlers add (audit entries, relationship moves, qualifying activities) is saved in the
/// same SaveChanges and the same transaction. Handlers may raise more events; they are dispatched
/// too, until none are left. No handler has to be remembered by the code that made the change.
/// </summary>
public sealed class DomainEventDispatcher(IServiceProvider services) : SaveChangesInterceptor
{
    private static readonly MethodInfo DispatchOne = typeof(DomainEventDispatcher).GetMethod(nameof(DispatchAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await DispatchPendingAsync(context, cancellationToken);
            // The audit entries the handlers added go in one INSERT, ahead of the rest of the save and in its transaction
            // (every command has one): as part of SaveChanges' batch each is a statement of its own, and Microsoft.Data.Sqlite
            // binds every statement of a batch by searching all of the batch's parameters, which made removing an employee
            // from 500 clients spend seconds binding. Without a transaction they stay in SaveChanges, so that nothing is
            // written if the rest fails.
            if (context.Database.CurrentTransaction is not null) await context.InsertAddedAsync<AuditEntry>(cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && Pending(context).Count > 0)
            throw new InvalidOperationException("Changes that raise domain events are saved with SaveChangesAsync.");
        return result;
    }

    /// <summary>
    /// For a change made in the database set-wise (no aggregate tracked to raise it): the same handlers run, and what
    /// they add is saved by the next SaveChanges, in the caller's transaction.
    /// </summary>
    public async Task PublishAsync(IEnumerable<IDomainEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var domainEvent in events)
            await (Task)DispatchOne.MakeGenericMethod(domainEvent.GetType()).Invoke(this, [domainEvent, ct])!;
    }

    private async Task DispatchPendingAsync(DbContext context, CancellationToken ct)
    {
        for (var round = 0; ; round++)
        {
            var pending = Pending(context);
            if (pending.Count == 0) return;
            if (round == 10) throw new InvalidOperationException("Domain events keep raising each other.");
            foreach (var domainEvent in pending)
                await (Task)DispatchOne.MakeGenericMethod(domainEvent.GetType()).Invoke(this, [domainEvent, ct])!;
        }
    }

    private static List<IDomainEvent> Pending(DbContext context)
    {
        // The raised events are on the tracked entities themselves: no need to detect changes (a look at every tracked entity).
        var detecting = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        List<IHasDomainEvents> raisers;
        try
        {
            raisers = context.ChangeTracker.Entries<IHasDomainEvents>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
        var events = raisers.SelectMany(e => e.DomainEvents).ToList();
        raisers.ForEach(e => e.ClearDomainEvents());
        return events;
    }

    private async Task DispatchAsync<TEvent>(TEvent domainEvent, CancellationToken ct) where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
            await handler.HandleAsync(domainEvent, ct);
    }
}
