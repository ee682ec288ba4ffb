namespace PartnerPortal.Domain.Events;

/// <summary>R12: a partner employee no longer works in a client account for the partner.</summary>
/// <param name="Remaining">How many of that partner's employees are left there after this one.</param>
public sealed record PartnerEmployeeLeft(long ClientHubId, long PartnerHubId, Guid UserId, int Remaining) : IDomainEvent;
