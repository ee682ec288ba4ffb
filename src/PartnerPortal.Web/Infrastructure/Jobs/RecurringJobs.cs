using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>Runs a scoped piece of work every interval; a failure is logged and the next round tries again.</summary>
public abstract class RecurringJob(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var metrics = scope.ServiceProvider.GetRequiredService<Operations.PortalMetrics>();
            try
            {
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                metrics.JobRan(GetType().Name, Interval, System.Diagnostics.Stopwatch.GetElapsedTime(started), succeeded: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.JobRan(GetType().Name, Interval, System.Diagnostics.Stopwatch.GetElapsedTime(started), succeeded: false);
                logger.LogError(ex, "{Job} failed; it runs again in {Interval}", GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class RelationshipEndingJob(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RelationshipEndingJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Jobs:RelationshipEndingIntervalSeconds", 300));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var ended = await services.GetRequiredService<RelationshipEnder>().EndDueAsync(ct);
        if (ended > 0) logger.LogInformation("Ended {Count} partner relationships whose 60 days had passed", ended);
    }
}

/// <summary>B3 and B5: reminders of access ending soon, the removal of access whose end has passed, and the review schedule.</summary>
public sealed class AccessExpiryJob(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AccessExpiryJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Jobs:AccessExpiryIntervalSeconds", 300));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var expiry = services.GetRequiredService<AccessExpiry>();
        var reminded = await expiry.RemindAsync(ct);
        var expired = await expiry.ExpireAsync(ct);
        if (reminded + expired > 0) logger.LogInformation("Reminded of {Reminded} accesses ending soon; removed {Expired} whose end had passed", reminded, expired);
        var (started, overdue) = await services.GetRequiredService<AccessReviewSchedule>().RunAsync(ct);
        if (started + overdue > 0) logger.LogInformation("Started {Started} quarterly access reviews; reminded {Overdue} overdue ones", started, overdue);
    }
}

/// <summary>B1: removes audit entries past <c>Audit:RetentionDays</c> (none when it is 0, the default), once an hour.</summary>
public sealed class AuditRetentionJob(IServiceScopeFactory scopes, ILogger<AuditRetentionJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var removed = await services.GetRequiredService<AuditRetention>().PurgeAsync(ct);
        if (removed > 0) logger.LogInformation("Removed {Count} audit entries past the retention", removed);
    }
}

/// <summary>B8: the API's Idempotency-Key answers are kept a day.</summary>
public sealed class IdempotencyRetentionJob(IServiceScopeFactory scopes, ILogger<IdempotencyRetentionJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var forgotten = await Api.Idempotency.ForgetOldAsync(services.GetRequiredService<PortalDb>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        if (forgotten > 0) logger.LogInformation("Forgot {Count} idempotency keys older than a day", forgotten);
    }
}

public sealed class OutboxJob(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, ILogger<OutboxJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OutboxDispatcher>().DispatchAsync(ct);
}

/// <summary>R15: every partner's managed credit judged again from scratch, once an hour (<see cref="PartnerFiguresKeeper"/>).</summary>
public sealed class PartnerFiguresRebuildJob(IServiceScopeFactory scopes, ILogger<PartnerFiguresRebuildJob> logger) : RecurringJob(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        PartnerFiguresKeeper.RebuildAsync(services.GetRequiredService<PartnerPortal.Data.PortalDb>(), ct);
}

/// <summary>SQLite only: refreshes the planner's statistics as the data grows (PostgreSQL's autovacuum does this itself).</summary>
public sealed class SqliteStatistics(IServiceScopeFactory scopes, ILogger<SqliteStatistics> logger) : RecurringJob(scopes, logger)
{
    /// <summary>ANALYZE where the tables changed enough to need it (SQLite's own advice for long-running applications).</summary>
    public const string Refresh = "PRAGMA optimize=0x10002;";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<PartnerPortal.Data.PortalDb>();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync(Refresh, ct);
    }
}

