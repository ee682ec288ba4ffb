namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// Headers every response carries, pages, posts, status pages and static files alike. No inline
/// script or style is allowed (every script and style is a file under wwwroot); the app may not be
/// framed; no page ever sends a Referer, so an access-link URL cannot leak to another site; and no CSV download is cached.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // A download of people's names, emails and access is never kept by a browser or a proxy.
            if (context.Response.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
