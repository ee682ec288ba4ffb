using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Infrastructure.Security;

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
