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

    /// <summary>Posts of the forms that email a link (sign-up, forgot password) per client address per <see cref="AddressWindow"/>.</summary>
    public int EmailedLinksPerAddress { get; set; } = 10;

    /// <summary>CSV downloads and file uploads per client address per <see cref="AddressWindow"/>.</summary>
    public int ExportsPerAddress { get; set; } = 30;

    /// <summary>B8: API requests per personal access token (or, without one, per client address) per <see cref="ApiWindow"/>.</summary>
    public int ApiPerToken { get; set; } = 600;

    /// <summary>The window of the API's limit.</summary>
    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window of the per-address limits.</summary>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The window of the per-account sign-in limit.</summary>
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}
