namespace PartnerPortal.Domain.Events;

/// <summary>R23: a client revoked a whole partner: its employees have left, and the relationship ends that day.</summary>
public sealed record PartnerRevoked(long ClientHubId, long PartnerHubId, Guid ByUserId, DateTimeOffset At) : IDomainEvent;
