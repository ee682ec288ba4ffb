using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;


namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// A sign-in cookie is only good while the user's security stamp is the one it was issued with.
/// Signing out changes the stamp, so a cookie copied before sign-out opens nothing afterwards.
/// Checked on every request with one small query (Identity's own validator checks every 30 minutes).
/// </summary>
public static class SessionValidation
{
    private const string UnavailableKey = "SessionValidation.DatabaseUnavailable";

    /// <summary>What a request needs to know of its session, read in one statement.</summary>
    private sealed record Session(string? SecurityStamp, bool MustEnrol, int Unread);

    // Compiled once: this runs on every signed-in request, and EF Core's work to turn a LINQ query into its cached SQL
    // (walking the expression tree for closures, hashing it to find the cache entry) cost more than the statement itself.
    private static readonly Func<PortalDb, Guid, CancellationToken, Task<Session?>> SessionQuery = EF.CompileAsyncQuery(
        (PortalDb db, Guid userId, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Session(
                u.SecurityStamp,
                // B7 in the same read: whether an account of theirs requires two-factor sign-in that they have not set up.
                !u.TwoFactorEnabled && db.Memberships.Where(TwoFactorRules.RequiringMembership).Any(m => m.UserId == u.Id),
                // B6: the bell's unread count in the same statement, from the (UserId, ReadAt) index, counted up to a cap.
                db.Notifications.Where(n => n.UserId == u.Id && n.ReadAt == null).Take(Pages.Notifications.IndexModel.UnreadCap + 1).Count()))
            .SingleOrDefault());

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (!Guid.TryParse(principal?.FindFirstValue(claims.UserIdClaimType), out var userId) || string.IsNullOrEmpty(stamp))
        {
            await RejectAsync(context);
            return;
        }
        string? current;
        try
        {
            var session = await SessionQuery(services.GetRequiredService<PortalDb>(), userId, context.HttpContext.RequestAborted);
            current = session?.SecurityStamp;
            if (session?.MustEnrol == true) context.HttpContext.Items[TwoFactorRules.MustEnrolKey] = true;
            if (session is not null) context.HttpContext.Items[Pages.Notifications.IndexModel.UnreadKey] = session.Unread;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // The database cannot be reached: the request is answered 503 (not sent to sign in), see
            // UseUnavailableWhenSessionsCannotBeChecked; the cookie is kept. (Throwing here would not do: the
            // authentication result is kept for the request, so the error page would fail the same way.)
            context.RejectPrincipal();
            context.HttpContext.Items[UnavailableKey] = true;
            return;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database cannot say: this request is anonymous (fail closed), the cookie is kept for when it can.
            context.RejectPrincipal();
            return;
        }
        if (!string.Equals(current, stamp, StringComparison.Ordinal)) await RejectAsync(context);
    }

    /// <summary>
    /// After authentication: a signed-in request whose session could not be checked because the database is out of
    /// reach is answered 503 (the status page says to try again), rather than served as if signed out.
    /// </summary>
    public static IApplicationBuilder UseUnavailableWhenSessionsCannotBeChecked(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            if (context.Items.ContainsKey(UnavailableKey) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await next(context);
        });
    }

    /// <summary>Ends every session of the user: cookies issued before now stop working on their next request.</summary>
    public static Task EndSessionsAsync(PortalDb db, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), ct);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
