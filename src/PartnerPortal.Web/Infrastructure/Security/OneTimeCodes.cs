using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// B7: an authenticator code is accepted once. A code belongs to a time step; the last step a user has used is kept (in Identity's
/// user tokens, zero-padded so that text order is time order) and only a later step is accepted, by one conditional UPDATE — so the
/// same code cannot open two sessions, even when both arrive at once.
/// </summary>
public sealed class OneTimeCodes(PortalDb db, UserManager<PortalUser> users, TimeProvider clock)
{
    private const string LastStep = "LastAuthenticatorStep";

    /// <summary>Whether <paramref name="code"/> is the user's current authenticator code and not used before; if so, it is used up.</summary>
    public async Task<bool> TryUseAsync(PortalUser user, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (key is null || AuthenticatorCodes.MatchingStep(key, code, clock.GetUtcNow()) is not { } step) return false;
        return await TryClaimAsync(user.Id, step, ct);
    }

    private Task<bool> TryClaimAsync(Guid userId, long step, CancellationToken ct) =>
        UserTokenClaims.TryAdvanceAsync(db, userId, LastStep, step.ToString("D15", System.Globalization.CultureInfo.InvariantCulture), ct);
}

/// <summary>
/// A value per user that only moves forward, kept in Identity's user tokens (digits, zero-padded, so that text order is number
/// order): the one way to let exactly one of many simultaneous requests through — a code's time step (B7), a reset email's
/// time window (O3).
/// </summary>
public static class UserTokenClaims
{
    private const string Provider = "PartnerPortal";

    /// <summary>Moves the user's <paramref name="name"/> to <paramref name="value"/> if it is later than what is kept: true for exactly one caller.</summary>
    public static async Task<bool> TryAdvanceAsync(PortalDb db, Guid userId, string name, string value, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mine = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == name);
#pragma warning disable CA1309 // translated to SQL's < on digits only, where every collation orders as ordinal does
        if (await mine.Where(t => string.Compare(t.Value, value) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), ct) == 1) return true;
#pragma warning restore CA1309
        if (await mine.AnyAsync(ct)) return false; // this value, or a later one, was claimed already
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = userId, LoginProvider = Provider, Name = name, Value = value });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsLostRace(ex))
        {
            db.ChangeTracker.Clear();
            return false; // a first one was claimed at the very same moment
        }
    }
}
