using Serilog.Context;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// After routing and authentication: tells the handlers who is asking, puts the user id on every
/// log line of the request, and remembers which route the request matched (before any status page
/// re-executes it) for the request completion event (<see cref="PortalLogging"/>).
/// </summary>
public sealed class RouteLogContext(RequestDelegate next)
{
    private const string RouteKey = "PartnerPortal.Route";
    private const string UserKey = "PartnerPortal.UserId";

    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentUser);
        currentUser.Become(context.User);
        var userId = currentUser.IsSignedIn ? currentUser.UserId.ToString() : "anonymous";
        if (!context.Items.ContainsKey(RouteKey))
        {
            context.Items[RouteKey] = context.GetEndpoint() is RouteEndpoint endpoint ? "/" + endpoint.RoutePattern.RawText?.TrimStart('/') : null;
            context.Items[UserKey] = userId;
        }
        using (LogContext.PushProperty("UserId", userId))
        {
            await next(context);
        }
    }

    /// <summary>The matched route template; for a request no route matched, only its first path segment.</summary>
    public static string RouteOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(RouteKey, out var route) && route is string template) return template;
        var path = context.Request.Path.Value ?? "/";
        var second = path.IndexOf('/', 1);
        // Unmatched paths are anything a client typed: keep the first segment (e.g. /lib, /css) and drop the rest.
        return second < 0 ? (path.Length > 24 ? "/…" : path) : (second > 24 ? "/…" : path[..second] + "/…");
    }

    public static string UserOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(UserKey, out var user) && user is string id ? id : "anonymous";
    }
}
