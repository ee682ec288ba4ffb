namespace PartnerPortal.Domain.Events;

/// <summary>B1: someone's access in an account changed, as it reads before and after ("No access" when none).</summary>
/// <param name="PartnerHubId">The partner the member works for there, if any, so that the partner sees the entry too.</param>
public sealed record AccessChanged(long AccountHubId, long? PartnerHubId, string Action, string Subject, string Before, string After) : IDomainEvent;
