namespace PartnerPortal.Domain.Events;

/// <summary>B1, R12: a partner–client relationship moved from one state to another ("None" before it existed).</summary>
public sealed record RelationshipChanged(long PartnerHubId, long ClientHubId, string Action, string Before, string After) : IDomainEvent;
