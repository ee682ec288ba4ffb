using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>An account as a member sees it: its identity and the member's own membership (with permission set).</summary>
public sealed record AccountView(long HubId, string Name, AccountKind Kind, Membership Membership);
