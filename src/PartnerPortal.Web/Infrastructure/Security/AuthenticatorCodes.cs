using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// B7: the codes an authenticator app shows (RFC 6238: HMAC-SHA1 of the 30-second time step, 6 digits) for a base32 key, and
/// which time step a code belongs to. The one home of the algorithm: sign-in, enrolment and re-authentication ask here, and the
/// tests compute the codes a phone would show with it.
/// </summary>
public static class AuthenticatorCodes
{
    public const int StepSeconds = 30;

    /// <summary>A code is accepted for the current step and the one before and after it (clocks drift).</summary>
    public const int Window = 1;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(string base32Key, DateTimeOffset at) => CodeAt(FromBase32(base32Key), StepAt(at));

    /// <summary>The time step within the window around <paramref name="now"/> whose code is <paramref name="code"/>, or null.</summary>
    public static long? MatchingStep(string base32Key, string code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var key = FromBase32(base32Key);
        var given = Encoding.ASCII.GetBytes(code);
        var current = StepAt(now);
        long? found = null;
        for (var step = current - Window; step <= current + Window; step++)
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(CodeAt(key, step)))) found ??= step;
        return found;
    }

    private static string CodeAt(byte[] key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException("An authenticator key is base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
