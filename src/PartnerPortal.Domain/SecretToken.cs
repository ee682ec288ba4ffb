using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Domain;

/// <summary>
/// The one way the product makes a secret that travels in a link (access links, client invitations, user invitations):
/// 256 random bits, base64url, of which only the SHA-256 hash is stored and compared.
/// </summary>
public static class SecretToken
{
    private const int Bytes = 32; // 256 random bits, above R4's 128.

    /// <summary>A new token, handed out once, and the hash that is kept.</summary>
    public static (string Token, string Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a presented token is the one a hash was kept of, in constant time.</summary>
    public static bool Matches(string? token, string hash) =>
        !string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(hash)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(token)), Encoding.ASCII.GetBytes(hash));
}
