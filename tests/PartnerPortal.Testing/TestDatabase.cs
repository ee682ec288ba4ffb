using Microsoft.Data.Sqlite;
using Npgsql;
using PartnerPortal.Data;

namespace PartnerPortal.Testing;

/// <summary>
/// A throw-away database for one test run: seeded once by the app, snapshotted, and put back to
/// that snapshot before each test. SQLite unless PARTNERPORTAL_TEST_DATABASE=Postgres, in which case
/// PARTNERPORTAL_TEST_POSTGRES is a connection string to a server where databases may be created.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string ProviderVariable = "PARTNERPORTAL_TEST_DATABASE";
    public const string PostgresVariable = "PARTNERPORTAL_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }
    public abstract string ConnectionString { get; }

    public static TestDatabase FromEnvironment(string purpose)
    {
        var provider = DatabaseSetup.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));
        if (provider == DatabaseProvider.Sqlite) return new SqliteTestDatabase(purpose);
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException($"{ProviderVariable}=Postgres needs {PostgresVariable}, a connection string to a PostgreSQL server.");
        return new PostgresTestDatabase(server, purpose);
    }

    /// <summary>Remembers the database as it is now (after the app migrated and seeded it).</summary>
    public abstract Task SnapshotAsync();

    /// <summary>Puts the database back to the snapshot.</summary>
    public abstract Task ResetAsync();

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder;
    private readonly string _file;
    private readonly string _snapshot;

    public SqliteTestDatabase(string purpose)
    {
        _folder = Path.Combine(Path.GetTempPath(), "partnerportal-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _file = Path.Combine(_folder, "portal.db");
        _snapshot = Path.Combine(_folder, "snapshot.db");
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public override string ConnectionString => $"Data Source={_file}";

    public override async Task SnapshotAsync()
    {
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Copy(_file, _snapshot, overwrite: true);
    }

    public override Task ResetAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
            File.Delete(_file + suffix);
        File.Copy(_snapshot, _file, overwrite: true);
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // a reader may still hold it; temp is cleaned anyway
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    public PostgresTestDatabase(string serverConnectionString, string purpose)
    {
        _server = serverConnectionString;
        _name = $"pp_{purpose.ToLowerInvariant()}_{Guid.NewGuid():N}"; // under PostgreSQL's 63 characters
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = _name, IncludeErrorDetail = true }.ConnectionString;

    private string Snapshot => _name + "_s";

    /// <summary>
    /// A template may have no one connected while it is copied. The app's idle pooled connections are closed first, but a
    /// backend can outlive its client's goodbye on a busy machine (CI once failed every test this way), so whoever is still
    /// connected is ended and the copy tried again.
    /// </summary>
    public override async Task SnapshotAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}' AND pid <> pg_backend_pid()");
            try
            {
                await AdminAsync($"CREATE DATABASE \"{Snapshot}\" TEMPLATE \"{_name}\"");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    public override async Task ResetAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE \"{_name}\" TEMPLATE \"{Snapshot}\"");
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Snapshot}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
