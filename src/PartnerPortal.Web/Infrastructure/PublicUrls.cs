using Microsoft.Extensions.Options;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The one home of absolute links that leave the app — an access link to copy, a link in an email: <c>Mail:PublicUrl</c>
/// (the address users reach the app at, behind a proxy or load balancer) when it is set, else the address the current
/// request came in on.
/// </summary>
public sealed class PublicUrls(IHttpContextAccessor http, IOptions<MailOptions> options)
{
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (options.Value.PublicUrl is { Length: > 0 } configured) return configured.TrimEnd('/') + path;
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Set Mail:PublicUrl: there is no request to take the address from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }
}
