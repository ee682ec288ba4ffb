using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O5: the product's own measurements, on the meter <c>PartnerPortal</c> (exported with ASP.NET Core's, EF Core's and the
/// runtime's by OpenTelemetry: Prometheus at <c>/metrics</c>, OTLP when configured). Also the jobs' heartbeats, which the
/// readiness check reads.
/// </summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = "PartnerPortal";

    private readonly Meter _meter;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _accessChanges;
    private readonly Counter<long> _jobRuns;
    private readonly Histogram<double> _jobDuration;
    private readonly ConcurrentDictionary<string, (DateTimeOffset LastSuccess, TimeSpan Interval)> _jobs = new();
    private readonly TimeProvider _clock;

    public PortalMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _clock = clock;
        _meter = meters.Create(MeterName);
        _signIns = _meter.CreateCounter<long>("partnerportal.sign_ins", description: "Sign-in attempts by outcome.");
        _lockouts = _meter.CreateCounter<long>("partnerportal.lockouts", description: "Sign-ins paused after too many wrong passwords.");
        _rateLimited = _meter.CreateCounter<long>("partnerportal.rate_limit.refusals", description: "Requests refused by a rate limit (429).");
        _accessChanges = _meter.CreateCounter<long>("partnerportal.access_changes", description: "Changes of someone's access, by kind (the audit trail's action).");
        _jobRuns = _meter.CreateCounter<long>("partnerportal.jobs.runs", description: "Background job runs by job and outcome.");
        _jobDuration = _meter.CreateHistogram<double>("partnerportal.jobs.duration", unit: "s", description: "How long a background job's run took.");
        _meter.CreateObservableGauge("partnerportal.mail.outbox.backlog", () => Measure(scopes, o => new Measurement<long>(o.Backlog)), description: "Emails waiting to be sent.");
        _meter.CreateObservableGauge("partnerportal.mail.outbox.oldest_age", () => Measure(scopes, o => new Measurement<double>(o.OldestSeconds)), unit: "s", description: "How long the oldest unsent email has waited.");
    }

    /// <summary>A gauge read at scrape time; nothing (rather than an error) while the database is out of reach.</summary>
    private static IEnumerable<Measurement<T>> Measure<T>(IServiceScopeFactory scopes, Func<(long Backlog, double OldestSeconds), Measurement<T>> pick) where T : struct
    {
        try
        {
            return [pick(Outbox(scopes))];
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) || e is InvalidOperationException)
        {
            return [];
        }
    }

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void LockedOut() => _lockouts.Add(1);

    public void RateLimited(string path) => _rateLimited.Add(1, new KeyValuePair<string, object?>("area", path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !long.TryParse(s, out _)) ?? "/"));

    public void AccessChanged(string action) => _accessChanges.Add(1, new KeyValuePair<string, object?>("action", action));

    public void JobRan(string job, TimeSpan interval, TimeSpan took, bool succeeded)
    {
        _jobRuns.Add(1, new("job", job), new("outcome", succeeded ? "succeeded" : "failed"));
        _jobDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("job", job));
        if (succeeded) _jobs[job] = (_clock.GetUtcNow(), interval);
        else _jobs.TryAdd(job, (_clock.GetUtcNow() - took, interval)); // a job that never succeeded counts from its first try
    }

    /// <summary>Jobs whose last success is older than three of their intervals (and a minute): stuck, or failing every time.</summary>
    public IReadOnlyList<string> StuckJobs()
    {
        var now = _clock.GetUtcNow();
        return [.. _jobs.Where(j => now - j.Value.LastSuccess > j.Value.Interval * 3 + TimeSpan.FromMinutes(1)).Select(j => $"{j.Key} (last done {j.Value.LastSuccess:u})")];
    }

    public static (long Backlog, double OldestSeconds) Outbox(IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var unsent = db.Outbox.AsNoTracking().Where(m => m.SentAt == null && !m.Suppressed);
        var count = unsent.LongCount();
        if (count == 0) return (0, 0);
        var oldest = unsent.OrderBy(m => m.Id).Select(m => m.CreatedAt).First();
        return (count, Math.Max(0, (scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() - oldest).TotalSeconds));
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary><c>Health:*</c>: when the mail outbox counts as backed up.</summary>
public sealed class HealthOptions
{
    public int OutboxBacklog { get; set; } = 500;
    public TimeSpan OutboxOldest { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>O5: <c>/health/ready</c> is Degraded (still 200) when a job is stuck or mail is backed up, with the reason.</summary>
public sealed class OperationsHealthCheck(PortalMetrics metrics, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var stuck = metrics.StuckJobs();
        if (stuck.Count > 0) problems.Add("stuck jobs: " + string.Join(", ", stuck));
        var (backlog, oldest) = PortalMetrics.Outbox(scopes);
        if (backlog >= options.Value.OutboxBacklog) problems.Add($"{backlog} emails wait to be sent");
        if (backlog > 0 && TimeSpan.FromSeconds(oldest) >= options.Value.OutboxOldest) problems.Add($"the oldest unsent email has waited {TimeSpan.FromSeconds(oldest):g}");
        return Task.FromResult(problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", problems)));
    }
}

public static class Telemetry
{
    /// <summary>
    /// OpenTelemetry: metrics (ASP.NET Core, the runtime, the product's meter) for Prometheus when <c>Metrics:Prometheus</c> is
    /// true, and traces (ASP.NET Core, EF Core) plus metrics by OTLP when <c>OpenTelemetry:Otlp:Endpoint</c> is set.
    /// </summary>
    public static void AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PortalMetrics>();
        builder.Services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection("Health")).ValidateOnStart();
        var prometheus = builder.Configuration.GetValue("Metrics:Prometheus", false);
        var otlp = builder.Configuration["OpenTelemetry:Otlp:Endpoint"];
        if (!prometheus && string.IsNullOrWhiteSpace(otlp)) return;
        if (otlp is { Length: > 0 } && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
            throw new StartupProblemException($"OpenTelemetry:Otlp:Endpoint is \"{otlp}\", which is not an address: set it to the collector's, e.g. http://otel-collector:4317.");
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            if (prometheus) m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0); // each scrape reads the counters now
            if (otlp is { Length: > 0 }) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
        });
        if (otlp is { Length: > 0 })
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation().AddEntityFrameworkCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
    }

    private const string MeterName = PortalMetrics.MeterName;

    /// <summary><c>/metrics</c>, when on: on every port, or only on <c>Metrics:Port</c> (a port the app also listens on, kept off the public one).</summary>
    public static void MapPortalMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue("Metrics:Prometheus", false)) return;
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Configuration.GetValue<int?>("Metrics:Port") is { } port) endpoint.RequireHost($"*:{port}");
    }
}

/// <summary>The readiness answer as text: its status, then each check that is not healthy with its reason.</summary>
public static class HealthReports
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        lines.AddRange(report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Status}{(e.Value.Description is { } d ? " — " + d : "")}"));
        return context.Response.WriteAsync(string.Join('\n', lines));
    }
}
