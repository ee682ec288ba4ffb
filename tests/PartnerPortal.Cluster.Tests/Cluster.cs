using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PartnerPortal.Data;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PartnerPortal.Cluster.Tests;

/// <summary>
/// The running cluster, as scripts/test.sh describes it in the environment: nginx's address, each instance's, the
/// database, the shared mail folder, and scripts that stop and start PostgreSQL.
/// </summary>
public static class Cluster
{
    public static Uri Balancer => new(Required("PARTNERPORTAL_CLUSTER_URL"));

    public static IReadOnlyList<Uri> Instances => [.. Required("PARTNERPORTAL_CLUSTER_INSTANCES").Split(',').Select(u => new Uri(u))];

    public static string MailFolder => Required("PARTNERPORTAL_CLUSTER_MAIL");

    public static PortalDb OpenDatabase() => new(DatabaseSetup.OptionsFor(DatabaseProvider.Postgres, Required("PARTNERPORTAL_CLUSTER_DATABASE")));

    public const long Brightwave = 44_010_001;
    public const long HarborCoffee = 45_100_001;
    public const string Ava = "ava.patel@brightwave.io";
    public const string Password = "partner-portal-demo";

    public static async Task RunScriptAsync(string variable)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", Required(variable)) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{variable} failed: {await process.StandardError.ReadToEndAsync()}");
    }

    private static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} is not set: these tests run against the cluster scripts/test.sh starts (scripts/cluster.sh).");
}

/// <summary>A browser's view of the cluster: one cookie jar, sent to the balancer or to one instance.</summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _http;
    private static readonly HtmlParser Parser = new();

    public Browser(CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The same cookies, sent to another address (cookies are kept per host:port-less domain, so 127.0.0.1 shares them).</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri server, string path) => await _http.GetAsync(new Uri(server, path));

    public async Task<(HttpStatusCode Status, IDocument Page)> PageAsync(Uri server, string path)
    {
        using var response = await GetAsync(server, path);
        return (response.StatusCode, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    public async Task<HttpResponseMessage> PostAsync(Uri server, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(server, path), content);
    }

    /// <summary>A form with one file, as a browser uploads it.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(Uri server, string path, string token, string field, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, field, fileName);
        return await _http.PostAsync(new Uri(server, path), form);
    }

    public static string TokenOf(IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("No antiforgery token on the page.");

    public async Task SignInAsync(Uri server, string email)
    {
        var (_, form) = await PageAsync(server, "/sign-in");
        using var response = await PostAsync(server, "/sign-in",
            [new("Data.Email", email), new("Data.Password", Cluster.Password), new("__RequestVerificationToken", TokenOf(form))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
