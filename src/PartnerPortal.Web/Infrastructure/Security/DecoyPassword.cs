using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// A password hash nobody's password matches, checked when the email is unknown or the sign-in is
/// locked, so that those answers take as long as a real check (no user enumeration by timing).
/// </summary>
public sealed class DecoyPassword
{
    private readonly Lazy<string> _hash;

    public DecoyPassword(IOptions<PasswordHasherOptions> options) =>
        _hash = new Lazy<string>(() => new PasswordHasher<PortalUser>(options).HashPassword(new PortalUser(), Guid.NewGuid().ToString("N")));

    public void Check(IPasswordHasher<PortalUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        hasher.VerifyHashedPassword(new PortalUser(), _hash.Value, password);
    }
}
