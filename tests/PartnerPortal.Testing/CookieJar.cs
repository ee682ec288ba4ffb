using System.Net;

namespace PartnerPortal.Testing;

/// <summary>Keeps cookies as a browser does, in a container a test can read and copy (to replay a captured session).</summary>
public sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
{
    public CookieContainer Cookies { get; } = cookies;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        var header = Cookies.GetCookieHeader(uri);
        if (header.Length > 0) request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            foreach (var value in values) Cookies.SetCookies(uri, value);
        return response;
    }
}
