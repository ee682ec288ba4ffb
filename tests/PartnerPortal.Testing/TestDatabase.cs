using Microsoft.Data.Sqlite;
using System.Globalization;
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

    /// <summary>
    /// The seeded world, kept inside the database itself: a copy of every table in a schema of its own and every sequence's
    /// value. A reset puts the rows back in one transaction on one pooled connection — no database is dropped or copied,
    /// so no server-wide file copy, and the app's connections (and their warm caches) live on. Copying a whole database
    /// per reset (<c>CREATE DATABASE … TEMPLATE</c>) cost PostgreSQL more processor time than the app under test.
    /// </summary>
    private const string SnapshotSchema = "pp_snapshot";

    private string? _resetSql;

    public override async Task SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
        var sequences = await ListAsync(connection,
            "SELECT format('SELECT setval(%L, %s, %s);', 'public.' || quote_ident(sequencename), coalesce(last_value, start_value), " +
            "CASE WHEN last_value IS NULL THEN 'false' ELSE 'true' END) " +
            "FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename");
        var copy = new System.Text.StringBuilder($"DROP SCHEMA IF EXISTS {SnapshotSchema} CASCADE; CREATE SCHEMA {SnapshotSchema};");
        foreach (var table in tables) copy.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {SnapshotSchema}.\"{table}\" AS TABLE public.\"{table}\";");
        await ExecuteAsync(connection, copy.ToString());

        // Foreign keys are not checked while the rows go back (replica role): every table is emptied and refilled together.
        var reset = new System.Text.StringBuilder("SET LOCAL session_replication_role = replica; SET LOCAL lock_timeout = '5s';");
        foreach (var table in tables) reset.Append(CultureInfo.InvariantCulture, $"DELETE FROM public.\"{table}\";");
        foreach (var table in tables)
            reset.Append(CultureInfo.InvariantCulture, $"INSERT INTO public.\"{table}\" OVERRIDING SYSTEM VALUE SELECT * FROM {SnapshotSchema}.\"{table}\";");
        foreach (var sequence in sequences) reset.Append(sequence);
        _resetSql = reset.ToString();
    }

    /// <summary>
    /// Puts the seeded rows back. A connection the app left inside a transaction would hold the reset up: after five
    /// seconds the database's other sessions are ended and it is tried again.
    /// </summary>
    public override async Task ResetAsync()
    {
        var sql = _resetSql ?? throw new InvalidOperationException("The database was not snapshotted.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await ExecuteAsync(connection, sql, transaction);
                await transaction.CommitAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable && attempt < 3)
            {
                await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}' AND pid <> pg_backend_pid()");
                NpgsqlConnection.ClearAllPools();
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
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
