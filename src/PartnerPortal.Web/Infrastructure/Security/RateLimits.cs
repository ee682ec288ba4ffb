using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's rate limiter on the two doors a stranger can knock on: sign-in (per client
/// address, and per account through <see cref="SignInThrottle"/>) and access links (per address);
/// and on the costly work anyone signed in can start: file uploads and CSV downloads (per address).
/// A refused request answers 429 with Retry-After, and the status page explains it.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string AccessLink = "access-link";

    /// <summary>Forms that email a link to a typed address (sign-up, forgot password): posts only, per address.</summary>
    public const string EmailedLink = "emailed-link";

    /// <summary>B8: the API, per token (a request is counted before its token is checked, by the hash of what it sent).</summary>
    public const string Api = "api";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("RateLimits")).ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                SetRetryAfter(context.HttpContext.Response, context.Lease);
                context.HttpContext.RequestServices.GetRequiredService<Operations.PortalMetrics>().RateLimited(context.HttpContext.Request.Path.Value ?? "/");
                // The API says it in a problem; the pages' status page explains it to a person.
                if (ApiTokenAuthentication.IsApi(context.HttpContext.Request.Path))
                    await PartnerPortal.Web.Api.ApiResults.WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                        $"This token has made too many requests: try again in {context.HttpContext.Response.Headers.RetryAfter} seconds.");
            };
            // Reading the sign-in page is free; only posting a password counts.
            o.AddPolicy(SignIn, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : PerAddress(context, Limits(context).SignInPerAddress));
            o.AddPolicy(AccessLink, context => PerAddress(context, Limits(context).AccessLinkPerAddress));
            o.AddPolicy(Api, context => PerToken(context, Limits(context)));
            o.AddPolicy(EmailedLink, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : PerAddress(context, Limits(context).EmailedLinksPerAddress, "mail:"));
            // Every CSV download (a page's Csv handler) and every file upload, whichever page serves it: one limit, so a new one is covered.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExportOrUpload(context.Request)
                ? PerAddress(context, Limits(context).ExportsPerAddress, "export:")
                : RateLimitPartition.GetNoLimiter("other"));
        });
        return services;
    }

    /// <summary>Retry-After in whole seconds, from the limiter's own answer.</summary>
    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(lease);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    /// <summary>The client's address; behind a proxy, the forwarded one when forwarded headers are enabled (docs/operations.md).</summary>
    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A CSV download (<c>?handler=Csv</c>) or a posted file (a multipart form).</summary>
    public static bool IsExportOrUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) && string.Equals(request.Query["handler"], "Csv", StringComparison.OrdinalIgnoreCase))
            || (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true);
    }

    private static RateLimitPartition<string> PerToken(HttpContext context, RateLimitOptions limits)
    {
        string? header = context.Request.Headers.Authorization;
        var key = string.IsNullOrEmpty(header) ? "api-address:" + AddressOf(context) : "api-token:" + SecretToken.HashOf(header);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.ApiPerToken),
            Window = limits.ApiWindow,
            QueueLimit = 0,
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits, string kind = "") =>
        RateLimitPartition.GetFixedWindowLimiter(kind + AddressOf(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = Limits(context).AddressWindow,
            QueueLimit = 0,
        });
}
