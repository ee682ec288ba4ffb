using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Tests;

/// <summary>O5: /metrics scraped and read as Prometheus text; the product's counters move; readiness says what is wrong.
/// Alone: OpenTelemetry listens to every meter named "PartnerPortal" in the process, so another test's app signing in (or
/// being disposed, which takes its counts out of the sum) would move the totals this test reads.</summary>
[Collection(AloneCollection.Name)]
public sealed partial class MetricsTests : IAsyncLifetime
{
    private PortalFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new PortalFactory(TestDatabase.FromEnvironment("metrics"), settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true" });
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _app.Database.DisposeAsync();
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)(\s+\d+)?$")]
    private static partial Regex Sample();

    /// <summary>Every sample of the exposition, as name → (labels → value); a line that is neither a comment nor a sample fails the test.</summary>
    private async Task<List<(string Name, string Labels, double Value)>> ScrapeAsync()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var samples = new List<(string, string, double)>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#')) continue;
            var match = Sample().Match(line);
            Assert.True(match.Success, $"Not Prometheus text: {line}");
            samples.Add((match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    private static double Value(List<(string Name, string Labels, double Value)> samples, string name, string label) =>
        samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);

    [Fact]
    public async Task O5_the_counters_move_when_someone_signs_in_wrong_and_when_access_changes()
    {
        var before = await ScrapeAsync();
        Assert.Contains(before, s => s.Name.StartsWith("http_server_request_duration", StringComparison.Ordinal) || s.Name.StartsWith("process_runtime", StringComparison.Ordinal) || s.Name.StartsWith("dotnet_", StringComparison.Ordinal));

        using (var browser = new BrowserLikeClient(_app))
        {
            for (var i = 0; i < 2; i++)
                using (await browser.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = Personas.ClientUser, ["Data.Password"] = "not the password" })) { }
            await browser.SignInAsync(Personas.PlatformOperator);
            using var suspended = await browser.SubmitFormAsync($"/operator/accounts?q={Personas.Lumen}", new Dictionary<string, string>(), "main form[action*=Suspend]");
            Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        }
        var after = await ScrapeAsync();

        // Exactly what this test did: the collection runs alone, so no other app in the process counts meanwhile.
        Assert.Equal(2, Value(after, "partnerportal_sign_ins_total", "outcome=\"wrong_password\"") - Value(before, "partnerportal_sign_ins_total", "outcome=\"wrong_password\""));
        Assert.Equal(1, Value(after, "partnerportal_sign_ins_total", "outcome=\"signed_in\"") - Value(before, "partnerportal_sign_ins_total", "outcome=\"signed_in\""));
        Assert.Equal(1, Value(after, "partnerportal_access_changes_total", "action=\"Account suspended\"") - Value(before, "partnerportal_access_changes_total", "action=\"Account suspended\""));
        Assert.Contains(after, s => s.Name.StartsWith("partnerportal_mail_outbox_backlog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task O5_readiness_is_degraded_with_the_reason_when_mail_waits_too_long_or_a_job_is_stuck()
    {
        using var client = _app.CreateClient();
        Assert.Equal("Healthy", (await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative))).Trim());

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            db.Outbox.Add(new OutboxMessage("waiting@metrics.test", "Stuck", "Body", DateTimeOffset.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync();
        }
        _app.Services.GetRequiredService<PortalMetrics>().JobRan("OutboxJob", TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), succeeded: false);

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var text = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded, not down: the instance still serves
        Assert.StartsWith("Degraded", text, StringComparison.Ordinal);
        Assert.Contains("the oldest unsent email has waited", text, StringComparison.Ordinal);
        Assert.Contains("stuck jobs: OutboxJob", text, StringComparison.Ordinal);
    }
}
