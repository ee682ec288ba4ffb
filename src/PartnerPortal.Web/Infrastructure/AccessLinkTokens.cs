using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>R1, R4: issues and resets access links and gives their owner the link again (see <see cref="AccessLink.SealedToken"/>).</summary>
public sealed class AccessLinkTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("PartnerPortal.AccessLinks.v1");

    public AccessLink Issue(long partnerHubId, Guid employeeUserId, DateTimeOffset now)
    {
        var (link, token) = AccessLink.Issue(partnerHubId, employeeUserId, now);
        link.KeepSealed(_protector.Protect(token));
        return link;
    }

    public void Reset(AccessLink link, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(link);
        link.KeepSealed(_protector.Protect(link.Reset(now)));
    }

    /// <summary>The token, or null when the keys that sealed it are gone (then the link must be reset).</summary>
    public string? Unseal(AccessLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        try
        {
            return _protector.Unprotect(link.SealedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static string PathFor(string token) => $"/access/{token}";
}
