namespace PartnerPortal.Domain.Events;

/// <summary>R3, R12: a member of a client account now works there for a partner.</summary>
public sealed record PartnerEmployeeJoined(long ClientHubId, long PartnerHubId, Guid UserId) : IDomainEvent;
