namespace PartnerPortal.Domain.Events;

/// <summary>SPEC §3: a path that removes in bulk left one of the partner's people in the client, for this reason; its Super Admins are told.</summary>
public sealed record PartnerPersonStayed(long ClientHubId, long PartnerHubId, Guid UserId, string Name, string Reason) : IDomainEvent;
