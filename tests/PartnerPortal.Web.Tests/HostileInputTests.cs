using System.Globalization;
using System.Net;
using System.Text;
using PartnerPortal.Testing;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// SPEC §4, "never a 500": every handler of every page the app serves (read from the app, so new
/// ones are included without asking), with hostile values in every field it binds and in every
/// route value, unknown handlers and wrong methods, with a valid antiforgery token: no answer is 5xx.
/// Two personas, each a class of its own so that they run side by side: the agency's Super Admin, who
/// reaches every handler and gets every hostile value, and a plain employee, refused on most pages,
/// who gets the harshest few of each field (the refusal path reads the same binding).
/// </summary>
public abstract class HostileInputTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    /// <summary>Who sends the requests.</summary>
    protected abstract string Persona { get; }

    /// <summary>Every hostile value in every field (and 600 values for one), or the first few of each kind.</summary>
    protected abstract bool EveryValue { get; }

    /// <summary>Which half of the pages this class sends to (0 or 1), or null for every page; see <see cref="HalfOf"/>.</summary>
    protected virtual int? Half => null;

    private static readonly string Long = new('A', 20_000);

    private static readonly string[] Strings =
        ["", Long, "ℌ𝔞𝔯𝔟𝔬𝔯 😀 \u202E\u0301", "nul\0byte", "line\r\nSet-Cookie: stolen=1", "<script>alert(1)</script>", "' OR 1=1 --", "%00%0d%0a"];

    private static readonly string[] Numbers =
        ["9223372036854775808", "-9223372036854775809", "9223372036854775807", "-9223372036854775808", "2147483648", "2147483647", "-1", "0", "1e9", "0x10", "abc", ""];

    private static readonly string[] Guids = ["00000000-0000-0000-0000-000000000000", "not-a-guid", "{" + Guid.Empty + "}", Guid.NewGuid().ToString(), ""];

    private static readonly string[] Booleans = ["maybe", "true", "1", ""];

    private static IEnumerable<string> HostileValuesFor(Type type)
    {
        var scalar = EndpointTable.ScalarOf(type);
        if (scalar == typeof(string)) return Strings;
        if (scalar == typeof(Guid)) return Guids.Concat(Strings.Take(3));
        if (scalar == typeof(bool)) return Booleans.Concat(Strings.Take(3));
        return Numbers.Concat(Strings.Skip(2).Take(2));
    }

    private static IEnumerable<string> HostileRouteValues(string parameter) => parameter switch
    {
        "employeeId" or "operationId" or "uploadId" => ["00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString()],
        // A NUL in the path never reaches the app (Kestrel answers 400; the test server refuses to send it).
        "token" => [Long[..5000], "%E2%84%8C%F0%9F%98%80", "%2500", "..%2F..%2Fsign-in", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
        "code" => ["2147483647", "-1", "0"],
        _ => ["9223372036854775807", "-9223372036854775808", "0", "1", "99999999999"],
    };

    private async Task<Dictionary<string, string>> RouteValuesAsync() => new()
    {
        ["hubId"] = $"{Personas.Brightwave}",
        ["clientHubId"] = $"{Personas.HarborCoffee}",
        ["partnerHubId"] = $"{Personas.Brightwave}",
        ["employeeId"] = $"{await Fixture.UserIdAsync(Personas.OffDomainEmployee)}",
        ["userId"] = $"{await Fixture.UserIdAsync(Personas.UntaggedPartnerUser)}",
        ["token"] = await Fixture.AccessLinkTokenAsync(Personas.Hana),
        ["code"] = "404",
        ["operationId"] = $"{Guid.NewGuid()}",
        ["uploadId"] = $"{Guid.NewGuid()}",
    };

    private static string Url(string template, IReadOnlyDictionary<string, string> values, string? handler)
    {
        var path = "/" + System.Text.RegularExpressions.Regex.Replace(template.TrimStart('/'), @"\{(\w+)[^}]*\}", m => values[m.Groups[1].Value]);
        return handler is null ? path : $"{path}?handler={Uri.EscapeDataString(handler)}";
    }

    private sealed record Probe(string Key, string Page, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Fields);

    /// <summary>
    /// Whole pages go to two halves of about the same number of requests (the largest page first, each to the half that has
    /// fewer so far), so that the two classes of the Super Admin run side by side and together send every probe.
    /// </summary>
    private static List<Probe> HalfOf(List<Probe> all, int half)
    {
        var sizes = new int[2];
        var mine = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in all.GroupBy(p => p.Page).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var to = sizes[0] <= sizes[1] ? 0 : 1;
            sizes[to] += page.Count();
            if (to == half) mine.Add(page.Key);
        }
        return [.. all.Where(p => mine.Contains(p.Page))];
    }

    private IEnumerable<Probe> ProbesFor(PageHandler handler, IReadOnlyDictionary<string, string> routeValues)
    {
        var url = Url(handler.Template, routeValues, handler.Name);
        yield return new Probe(handler.Key, handler.Template, handler.Method, url, []); // every field missing
        foreach (var field in handler.Fields)
        {
            foreach (var value in EveryValue ? HostileValuesFor(field.Type) : HostileValuesFor(field.Type).Take(3))
                yield return new Probe(handler.Key, handler.Template, handler.Method, url, [new(field.Name, value)]);
            yield return new Probe(handler.Key, handler.Template, handler.Method, url, [new(field.Name, "1"), new(field.Name, "2")]); // an array for a scalar
            // 600 values: a bulk of ids where a list is bound; for a scalar field, the two values above already make it a list.
            if (EveryValue && field.Type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(field.Type))
                yield return new Probe(handler.Key, handler.Template, handler.Method, url, Enumerable.Range(0, 600).Select(_ => new KeyValuePair<string, string>(field.Name, Guid.NewGuid().ToString())).ToList());
        }
        foreach (var parameter in handler.RouteParameters)
            foreach (var value in HostileRouteValues(parameter))
                yield return new Probe(handler.Key, handler.Template, handler.Method, Url(handler.Template, new Dictionary<string, string>(routeValues) { [parameter] = value }, handler.Name), []);
        yield return new Probe(handler.Key, handler.Template, handler.Method, Url(handler.Template, routeValues, "NoSuchHandler"), []);
    }

    [Fact]
    public async Task No_hostile_request_to_any_handler_of_any_page_answers_5xx()
    {
        var handlers = await EndpointTable.HandlersAsync(Fixture.Factory.Services);
        var routeValues = await RouteValuesAsync();
        // Every page also gets a POST without a handler name, whether or not it has a POST handler.
        var extra = handlers.Select(h => h with { Method = "POST", Name = null, Fields = [] }).DistinctBy(h => h.Template);
        var every = handlers.Concat(extra).Where(h => h.Key != "POST sign-out")
            .SelectMany(h => ProbesFor(h, routeValues)).ToList();
        var probes = Half is { } half ? HalfOf(every, half) : every;
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var spent = new Dictionary<string, TimeSpan>(); // where this test's time goes, by handler: printed below

        using (var client = await Fixture.SignedInAsync(Persona))
        {
            var token = await client.AntiforgeryTokenAsync();
            foreach (var probe in probes)
            {
                var began = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await SendAsync(client, probe, token);
                spent[probe.Key] = spent.GetValueOrDefault(probe.Key) + System.Diagnostics.Stopwatch.GetElapsedTime(began);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500) failures.Add($"{Persona} {probe.Method} {Shorten(probe.Url)} [{string.Join("&", probe.Fields.Take(2).Select(f => f.Key + "=" + Shorten(f.Value)))}] → {status}");
            }
        }

        output.WriteLine($"{Persona}: {probes.Count} hostile requests (of {every.Count}) to {probes.Select(p => p.Page).Distinct().Count()} of {handlers.Select(h => h.Template).Distinct().Count()} pages: "
            + string.Join(", ", statuses.Select(s => $"{s.Value} × {s.Key}")));
        output.WriteLine("Slowest handlers: " + string.Join(", ", spent.OrderByDescending(s => s.Value).Take(12)
            .Select(s => $"{s.Key} {s.Value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s")));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(30)));
    }

    private static async Task<HttpResponseMessage> SendAsync(BrowserLikeClient client, Probe probe, string token)
    {
        if (probe.Method == "GET")
        {
            var query = string.Join("&", probe.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            var separator = probe.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            return await client.GetAsync(query.Length == 0 ? probe.Url : probe.Url + separator + query);
        }
        using var content = new FormUrlEncodedContent(probe.Fields.Append(new("__RequestVerificationToken", token)));
        return await client.Http.PostAsync(new Uri(probe.Url, UriKind.Relative), content);
    }

    /// <summary>A value as a failure message can show it: short, and with control characters spelled out.</summary>
    private static string Shorten(string value)
    {
        var visible = string.Concat(value.Take(60).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > 60 ? visible + $"…({value.Length.ToString(CultureInfo.InvariantCulture)})" : visible;
    }
}

/// <summary>The Super Admin, every value, on one half of the pages (the other half is the class below, run beside it).</summary>
public sealed class HostileInputAsSuperAdminFirstHalfTests(PortalFixture fixture, ITestOutputHelper output) : HostileInputTests(fixture, output)
{
    protected override string Persona => Personas.PartnerSuperAdmin;

    protected override bool EveryValue => true;

    protected override int? Half => 0;
}

public sealed class HostileInputAsSuperAdminSecondHalfTests(PortalFixture fixture, ITestOutputHelper output) : HostileInputTests(fixture, output)
{
    protected override string Persona => Personas.PartnerSuperAdmin;

    protected override bool EveryValue => true;

    protected override int? Half => 1;
}

public sealed class HostileInputAsPlainEmployeeTests(PortalFixture fixture, ITestOutputHelper output) : HostileInputTests(fixture, output)
{
    protected override string Persona => Personas.PlainPartnerEmployee;

    protected override bool EveryValue => false;
}
