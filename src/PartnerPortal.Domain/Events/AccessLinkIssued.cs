namespace PartnerPortal.Domain.Events;

/// <summary>R1, R4: an employee's access link was made; when it replaced one, the old link stopped working.</summary>
public sealed record AccessLinkIssued(long PartnerHubId, Guid EmployeeUserId, bool Replaced) : IDomainEvent;
