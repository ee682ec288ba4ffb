namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// The one way a set-wise job walks its work: chunk after chunk (each its own transaction, inside the database's execution
/// strategy) until a chunk finds nothing; a chunk that lost a race to another instance (a unique key, a concurrency token,
/// a serialization failure, a busy database) is read again, up to ten times in a run.
/// </summary>
public static class Chunks
{
    public const int MaxLosses = 10;

    /// <param name="chunk">Does one chunk; answers how many things it did, or null when nothing was left.</param>
    /// <returns>How many things the chunks did together.</returns>
    public static async Task<int> RunAsync(PortalDb db, Func<Task<int?>> chunk)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chunk);
        var done = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        for (var losses = 0; losses < MaxLosses;)
        {
            try
            {
                var count = await strategy.ExecuteAsync(chunk);
                if (count is null) break;
                done += count.Value;
            }
            catch (Exception ex) when (DatabaseErrors.IsLostRace(ex))
            {
                losses++; // another instance got there first: read again, without what it did
            }
        }
        return done;
    }
}
