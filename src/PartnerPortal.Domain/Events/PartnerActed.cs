namespace PartnerPortal.Domain.Events;

/// <summary>R12: a partner employee changed something in a client account on the partner's behalf (a qualifying activity).</summary>
public sealed record PartnerActed(long ClientHubId, long PartnerHubId, Guid UserId, string Action, DateTimeOffset At) : IDomainEvent;
