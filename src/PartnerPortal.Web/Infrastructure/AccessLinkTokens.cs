using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

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

    /// <summary>R1: a partner employee has a personal access link; makes one (added to the unit of work) when they have none.</summary>
    /// <returns>Whether a link was made.</returns>
    public async Task<bool> EnsureIssuedAsync(PortalDb db, long partnerHubId, Guid employeeUserId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.AccessLinks.AnyAsync(l => l.PartnerHubId == partnerHubId && l.EmployeeUserId == employeeUserId, ct)) return false;
        db.AccessLinks.Add(Issue(partnerHubId, employeeUserId, now));
        return true;
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
