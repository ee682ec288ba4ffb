using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// Lockout that holds under parallel requests. Before a password is checked, one of the account's
/// allowed attempts is taken by a single conditional UPDATE; the attempt that reaches the limit
/// also sets the lockout end in the same statement. So however many wrong passwords arrive at
/// once, at most <see cref="LockoutOptions.MaxFailedAccessAttempts"/> are ever checked. A right
/// password gives the attempts back.
/// </summary>
public sealed class SignInAttempts(PortalDb db, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    /// <returns>False when the sign-in is locked: then the password must not be checked.</returns>
    public async Task<bool> TryTakeAsync(PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.LockoutEnabled) return true;
        var now = clock.GetUtcNow();
        var limit = identity.Value.Lockout.MaxFailedAccessAttempts;
        DateTimeOffset? lockedUntil = now + identity.Value.Lockout.DefaultLockoutTimeSpan;
        // Every right-hand side reads the row as it was: an expired lockout starts the count again at 1.
        var taken = await db.Users
            .Where(u => u.Id == user.Id && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.AccessFailedCount, u => u.LockoutEnd == null ? u.AccessFailedCount + 1 : 1)
                .SetProperty(u => u.LockoutEnd, u => (u.LockoutEnd == null ? u.AccessFailedCount + 1 : 1) >= limit ? lockedUntil : null), ct);
        return taken == 1;
    }

    /// <summary>The password was right: the attempts taken are given back and any lockout they set is lifted.</summary>
    public Task GiveBackAsync(PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
    }
}
