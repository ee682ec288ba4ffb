namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>A client account a partner services, as the gate checked it: what it is and the signed-in user's access type there.</summary>
public sealed record ClientView(long HubId, string Name, AccountKind Kind, AccessType? YourAccessType, bool Suspended = false);
