using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Domain;

/// <summary>R1, R4: a partner employee's personal, reusable link. Only the token's hash is kept.</summary>
public class AccessLink
{
    private const int TokenBytes = 32; // 256 random bits, above R4's 128.

    private AccessLink() { }

    private AccessLink(long partnerHubId, Guid employeeUserId, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        EmployeeUserId = employeeUserId;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid EmployeeUserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResetAt { get; private set; }

    /// <summary>
    /// The token encrypted with the app's data-protection keys, so that its owner can copy the
    /// reusable link again. Lookups go by <see cref="TokenHash"/>; the database alone never yields a usable link.
    /// </summary>
    public string SealedToken { get; private set; } = "";

    public void KeepSealed(string sealedToken) => SealedToken = sealedToken;

    /// <summary>Creates the link; the returned token is shown once and never stored.</summary>
    public static (AccessLink Link, string Token) Issue(long partnerHubId, Guid employeeUserId, DateTimeOffset now)
    {
        var link = new AccessLink(partnerHubId, employeeUserId, now);
        return (link, link.NewToken());
    }

    /// <summary>R4: a new token; the old one stops matching at once.</summary>
    public string Reset(DateTimeOffset now)
    {
        ResetAt = now;
        return NewToken();
    }

    public bool Matches(string? token) =>
        !string.IsNullOrEmpty(token)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(TokenHash));

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private string NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        TokenHash = HashOf(token);
        return token;
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
