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

    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteBatchFactory>(),
            // A dropped connection or a database restarting is retried (a few times, within seconds) before a request fails;
            // commands run inside the strategy as a whole (RetryBehavior), so that a retry starts from a fresh reading.
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)
                .MaxBatchSize(SqliteBatchFactory.MaxStatements).EnableRetryOnFailure(RetryCount, RetryDelay, null)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly)
                .EnableRetryOnFailure(RetryCount, RetryDelay, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Database:Provider is Sqlite, Postgres or SqlServer."),
        };
    }

    public static DbContextOptions<PortalDb> OptionsFor(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDb>();
        builder.UsePortalDatabase(provider, connectionString);
        return builder.Options;
    }

    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var p) ? p
        : throw new InvalidOperationException($"Database:Provider '{value}' is not known: use Sqlite, Postgres or SqlServer.");
}
