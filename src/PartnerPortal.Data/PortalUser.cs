using Microsoft.AspNetCore.Identity;
using PartnerPortal.Domain;

namespace PartnerPortal.Data;

/// <summary>The sign-in record (password hash, lockout, 2FA). Shares its id with the domain <c>User</c>.</summary>
public class PortalUser : IdentityUser<Guid>
{
    /// <summary>The sign-in record of a person, with the email confirmed and lockout on; the password hash is set by the caller.</summary>
    public static PortalUser For(User person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PortalUser
        {
            Id = person.Id,
            UserName = person.Email,
            NormalizedUserName = person.Email.ToUpperInvariant(),
            Email = person.Email,
            NormalizedEmail = person.Email.ToUpperInvariant(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
    }
}
