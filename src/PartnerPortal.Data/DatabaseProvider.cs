using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The one place that turns configuration (<c>Database:Provider</c>, a connection string) into EF options.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "PartnerPortal.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "PartnerPortal.Migrations.Postgres";
    public const string SqlServerMigrationsAssembly = "PartnerPortal.Migrations.SqlServer";

    /// <summary>EF Core's retrying execution strategy on PostgreSQL and SQL Server: this many retries, waits up to this long.</summary>
    public const int RetryCount = 3;

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>At most this many statements go to the database in one batch when changes are saved: on SQLite through
    /// <see cref="SqliteBatchFactory"/>, on PostgreSQL through Npgsql's batch size (SQL Server keeps its provider's). So a save
    /// of more than 1,000 changes is a command more per thousand (removing someone from 1,000 clients: 1,000 deletions and
    /// 1,000 version bumps, two commands). Not larger: Microsoft.Data.Sqlite looks up every parameter of a command in each of
    /// its statements, so a batch costs the square of its size — at 10,000 a batch, growing the benchmark's world (250
    /// clients a save) took 789 s instead of 296 (at 2,500 it went at the same pace), and linking 1,000 clients would pay the same.</summary>
    public const int MaxBatchStatements = 1000;

    /// <summary>
    /// A list in a query (<c>ids.Contains(x.Id)</c>) goes to the database as one parameter (JSON on SQLite, an array on
    /// PostgreSQL), not EF Core 10's default of a parameter per element: naming 500 parameters took EF Core a quadratic
    /// search for unique names, Microsoft.Data.Sqlite another to bind them, and each length its own SQL to prepare — most
    /// of the time of removing an employee from 500 clients.
    /// </summary>
    public const ParameterTranslationMode OneParameter = ParameterTranslationMode.Parameter;

    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.Sqlite => SqliteEngine.Configured(options).UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).UseParameterizedCollectionMode(OneParameter))
                .ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteBatchFactory>(),
            // A dropped connection or a database restarting is retried (a few times, within seconds) before a request fails;
            // commands run inside the strategy as a whole (RetryBehavior), so that a retry starts from a fresh reading.
            DatabaseProvider.Postgres => options.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly).UseParameterizedCollectionMode(OneParameter)
                .MaxBatchSize(MaxBatchStatements).EnableRetryOnFailure(RetryCount, RetryDelay, null)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly).UseParameterizedCollectionMode(OneParameter)
                .EnableRetryOnFailure(RetryCount, RetryDelay, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider is Sqlite, Postgres or SqlServer."),
        };
    }

    /// <summary>Statements Npgsql prepares on each connection once they have run a few times, unless the connection string says
    /// otherwise (<c>Max Auto Prepare=0</c> turns it off, e.g. behind a pooler that cannot keep prepared statements).</summary>
    public const int PostgresAutoPrepared = 100;

    /// <summary>
    /// PostgreSQL parses and plans every statement it is sent unless it is prepared; the app sends the same few dozen
    /// statements over and over, so Npgsql prepares them (automatic preparation), which roughly halves the database's work
    /// per page. A statement whose best plan depends on its parameters must not be left to a generic plan: see
    /// docs/decisions.md (prepared statements on PostgreSQL).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // What the connection string itself says (Npgsql's own builder answers for every keyword it knows).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var said = given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        if (said) return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresAutoPrepared }.ConnectionString;
    }

    public static DbContextOptions<PortalDb> OptionsFor(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDb>();
        builder.UsePortalDatabase(provider, connectionString);
        return builder.Options;
    }

    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(value, out _) ? p
        : throw new InvalidOperationException($"Database:Provider is \"{value}\", which is not a provider: set it to Sqlite, Postgres or SqlServer.");
}

/// <summary>
/// The SQLite library's process-wide settings, made once before its first connection opens.
/// </summary>
public static class SqliteEngine
{
    private static readonly Lazy<int> Once = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        // SQLite counts every allocation it makes under one process-wide mutex (its memory statistics, on by default);
        // with requests on both processors preparing statements at once, that mutex doubled SQLite's processor time per
        // page (measured: 353 µs for the dashboard's statements on one thread, 740 µs on two; 373 µs with the statistics
        // off). Nothing here reads those statistics. Too late (another part of the process opened SQLite first) is harmless.
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    });

    /// <summary>SQLITE_OK when the settings took, SQLITE_MISUSE when SQLite had started before.</summary>
    public static int Result => Once.Value;

    internal static DbContextOptionsBuilder Configured(DbContextOptionsBuilder options)
    {
        _ = Once.Value;
        return options;
    }
}
