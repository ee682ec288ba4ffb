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

    /// <summary>
    /// The database could not be reached or is shutting down (a network error, a refused or dropped connection, a
    /// timeout, PostgreSQL's shutdown codes), possibly after EF Core's retries: the request is answered 503 and
    /// may be tried again; nothing about the request itself was wrong.
    /// </summary>
    public static bool IsUnavailable(Exception? exception) => exception switch
    {
        null => false,
        PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" || IsUnavailable(postgres.InnerException),
        NpgsqlException npgsql => npgsql.IsTransient || IsUnavailable(npgsql.InnerException),
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => IsUnavailable(exception.InnerException),
    };
}
