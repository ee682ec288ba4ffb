using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary><c>RateLimits:*</c> settings: how many requests a client address (or one account's sign-in) may make per window.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in posts per client address per <see cref="AddressWindow"/>.</summary>
    public int SignInPerAddress { get; set; } = 20;

    /// <summary>Sign-in posts naming one email per <see cref="AccountWindow"/>, from anywhere.</summary>
    public int SignInPerAccount { get; set; } = 10;

    /// <summary>Access-link requests (opening and approving) per client address per <see cref="AddressWindow"/>.</summary>
    public int AccessLinkPerAddress { get; set; } = 60;

    /// <summary>The window of the per-address limits.</summary>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window of the per-account sign-in limit.</summary>
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// ASP.NET Core's rate limiter on the two doors a stranger can knock on: sign-in (per client
/// address, and per account through <see cref="SignInThrottle"/>) and access links (per address).
/// A refused request answers 429 with Retry-After, and the status page explains it.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string AccessLink = "access-link";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimits"));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                SetRetryAfter(context.HttpContext.Response, context.Lease);
                return ValueTask.CompletedTask;
            };
            // Reading the sign-in page is free; only posting a password counts.
            o.AddPolicy(SignIn, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : PerAddress(context, Limits(context).SignInPerAddress));
            o.AddPolicy(AccessLink, context => PerAddress(context, Limits(context).AccessLinkPerAddress));
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

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(AddressOf(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = Limits(context).AddressWindow,
            QueueLimit = 0,
        });
}

/// <summary>Sign-in attempts per account (by email), whatever address they come from.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = Math.Max(1, options.Value.SignInPerAccount);
        var window = options.Value.AccountWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A lease that is not acquired means: answer 429 with its Retry-After.</summary>
    public RateLimitLease Acquire(string email) => _limiter.AttemptAcquire((email ?? "").Trim());

    public void Dispose() => _limiter.Dispose();
}
