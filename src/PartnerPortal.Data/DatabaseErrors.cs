using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PartnerPortal.Data;

/// <summary>What a failed save means, across providers.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// The save lost a race: another transaction committed a change it conflicts with (a concurrency
    /// token moved, a unique key was taken meanwhile, or SQLite was busy). Reading again and retrying
    /// gives the answer it would have had, had it come second.
    /// </summary>
    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsLostRace(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 // SQLITE_BUSY, SQLITE_LOCKED
            || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555), // UNIQUE, PRIMARY KEY
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    };
}
