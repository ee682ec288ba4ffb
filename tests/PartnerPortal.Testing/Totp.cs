using PartnerPortal.Web.Infrastructure.Security;

namespace PartnerPortal.Testing;

/// <summary>
/// B7: the code an authenticator app shows, computed from the key the enrolment page shows as a phone would — with the app's own
/// algorithm (<see cref="AuthenticatorCodes"/>).
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null) => AuthenticatorCodes.Code(base32Key, at ?? DateTimeOffset.UtcNow);

    /// <summary>The code of the next 30-second step: still accepted (the window), and not the one just used to enrol or sign in.</summary>
    public static string NextCode(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(AuthenticatorCodes.StepSeconds));

    /// <summary>A code that is not the current one (nor a neighbour's), for wrong-code tests.</summary>
    public static string WrongCode(string base32Key)
    {
        var near = Enumerable.Range(-3, 7).Select(i => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }
}
