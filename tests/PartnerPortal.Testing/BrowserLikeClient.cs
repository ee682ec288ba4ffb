using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PartnerPortal.Testing;

/// <summary>An HTTP client that keeps cookies and posts forms with their antiforgery token, as a browser does.</summary>
public sealed class BrowserLikeClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>The app outside Development serves HTTPS only (Secure cookies), so the client speaks it as a browser would.</summary>
    public static readonly Uri BaseAddress = new("https://localhost/");

    /// <param name="cookies">Cookies to start with, e.g. a copy of another client's session; none by default.</param>
    public BrowserLikeClient(WebApplicationFactory<Program> factory, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Cookies = cookies ?? new CookieContainer();
        _http = factory.CreateDefaultClient(BaseAddress, new CookieJar(Cookies)); // redirects are not followed
    }

    public CookieContainer Cookies { get; }

    /// <summary>A copy of this client's cookies, as someone who captured them would hold them.</summary>
    public CookieContainer CopyCookies()
    {
        var copy = new CookieContainer();
        copy.Add(Cookies.GetAllCookies());
        return copy;
    }

    /// <summary>The HTTP client itself, for requests a form does not describe.</summary>
    public HttpClient Http => _http;

    /// <summary>A redirect's target as a path and query, whether the Location header is relative or absolute.</summary>
    public static string LocationOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is not a redirect.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>A GET whose body is read as it arrives (a download), not buffered first.</summary>
    public Task<HttpResponseMessage> GetStreamingAsync(string url) => _http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

    public async Task<(HttpStatusCode Status, IDocument Page)> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        return (response.StatusCode, await ParseAsync(response));
    }

    /// <summary>Opens <paramref name="url"/> and follows its redirects as a browser does (a few at most).</summary>
    public async Task<(HttpStatusCode Status, IDocument Page)> FollowAsync(string url)
    {
        for (var hops = 0; ; hops++)
        {
            using var response = await GetAsync(url);
            if (hops == 5 || response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)) return (response.StatusCode, await ParseAsync(response));
            url = LocationOf(response);
        }
    }

    /// <summary>Opens <paramref name="pageUrl"/>, fills the form (first one, or the one matching <paramref name="formSelector"/>) and submits it.</summary>
    public Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IDictionary<string, string> fields, string formSelector = "main form[method=post]") =>
        SubmitFormAsync(pageUrl, fields.AsEnumerable(), formSelector);

    /// <summary>As above; a name may repeat, as ticked checkboxes do. Given names replace the form's own values.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string formSelector = "main form[method=post]")
    {
        var given = fields.ToList();
        var (_, page) = await GetPageAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"{pageUrl} has no form matching '{formSelector}'.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Where(kv => given.All(g => g.Key != kv.Key))
            .Concat(given)
            .ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        return await _http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>A post as a forged page would send it: the fields given and nothing else.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>This session's antiforgery token, as any of its pages carries it.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var (_, page) = await GetPageAsync("/sign-out");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("Sign in before crafting a post.");
    }

    /// <summary>
    /// A crafted post: the fields given plus a valid antiforgery token of this session, as a user who
    /// edits the form (or writes their own) would send. Proves the handler, not the page, refuses.
    /// </summary>
    public async Task<HttpResponseMessage> PostCraftedAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var token = await AntiforgeryTokenAsync();
        return await PostRawAsync(url, fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
    }

    /// <summary>A file upload as a browser sends it (multipart), with this session's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string url, string field, string fileName, byte[] content, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await AntiforgeryTokenAsync()), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        return await _http.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    public async Task SignInAsync(string email, string password = Personas.Password)
    {
        using var response = await SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? BaseAddress.ToString()));
    }

    /// <summary>What a person reads in the page's main region, whitespace collapsed as a browser shows it.</summary>
    public static string MainText(IDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("main")!.TextContent, @"\s+", " ");
    }

    public void Dispose() => _http.Dispose();
}
