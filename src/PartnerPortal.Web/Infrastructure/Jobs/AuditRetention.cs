namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// B1: how long the audit trail is kept — <c>Audit:RetentionDays</c>; 0 or unset keeps every entry forever (the default).
/// The only code that removes audit entries: by chunks of the oldest, past the retention, one DELETE a chunk (nothing
/// else may change or remove one: <see cref="PortalDb"/> refuses, and the database refuses updates).
/// </summary>
public sealed class AuditRetention(PortalDb db, TimeProvider clock, IConfiguration configuration)
{
    public const int ChunkSize = 5000;

    public int RetentionDays => Math.Max(0, configuration.GetValue("Audit:RetentionDays", 0));

    /// <returns>How many entries past the retention were removed.</returns>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        if (RetentionDays == 0) return 0;
        var cutoff = clock.GetUtcNow().AddDays(-RetentionDays);
        var removed = 0;
        while (true)
        {
            var oldest = db.AuditEntries.Where(a => a.At < cutoff).OrderBy(a => a.Id).Select(a => a.Id).Take(ChunkSize);
            var chunk = await db.AuditEntries.Where(a => oldest.Contains(a.Id)).ExecuteDeleteAsync(ct);
            removed += chunk;
            if (chunk < ChunkSize) return removed;
        }
    }
}
