namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>Reacts to a domain event while its change is being saved, in the same transaction.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}
