using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Data;

/// <summary>The sign-in record (password hash, lockout, 2FA). Shares its id with the domain <c>User</c>.</summary>
public class PortalUser : IdentityUser<Guid>
{
}
