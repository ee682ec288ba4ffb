using PartnerPortal.Domain.Events;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>R12: records each partner employee's real change in a client account, the clock the 60 days run from.</summary>
public sealed class QualifyingActivities(PortalDb db) : IDomainEventHandler<PartnerActed>
{
    public Task HandleAsync(PartnerActed domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        db.QualifyingActivities.Add(new QualifyingActivity(domainEvent.ClientHubId, domainEvent.PartnerHubId, domainEvent.UserId, domainEvent.Action, domainEvent.At));
        return Task.CompletedTask;
    }
}
