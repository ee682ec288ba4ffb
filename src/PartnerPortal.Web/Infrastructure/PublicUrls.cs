using Microsoft.Extensions.Options;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The one home of absolute links that leave the app — an access link to copy, a link in an email: <c>Mail:PublicUrl</c>
/// (the address users reach the app at, behind a proxy or load balancer) when it is set, else the address the current
/// request came in on.
/// </summary>
/// A background job has no request: it takes the first address the server listens on (set <c>Mail:PublicUrl</c> in production).
public sealed class PublicUrls(IHttpContextAccessor http, IOptions<MailOptions> options, Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (options.Value.PublicUrl is { Length: > 0 } configured) return configured.TrimEnd('/') + path;
        if (http.HttpContext?.Request is not { } request)
        {
            var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening is { Length: > 0 } address ? address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal) : "http://localhost").TrimEnd('/') + path;
        }
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }
}
