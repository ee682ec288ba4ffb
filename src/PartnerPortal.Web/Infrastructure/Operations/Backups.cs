using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O6: a consistent copy of the database taken while the app serves, and putting one into an empty place. SQLite: its online
/// backup (a snapshot of one moment, whatever is being written meanwhile). PostgreSQL: pg_dump's custom format (one
/// transaction's snapshot) and pg_restore, which must be on the PATH. SQL Server: its own BACKUP DATABASE (docs/operations.md).
/// </summary>
public static class Backups
{
    public static async Task<string> BackupAsync(DatabaseLocation database, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        var target = Path.GetFullPath(path);
        if (File.Exists(target)) throw new BackupException($"{target} exists already: give a new file name (a backup never overwrites one).");
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder)) throw new BackupException($"The folder {folder} does not exist.");
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
            {
                await using var source = new SqliteConnection(database.ConnectionString);
                await source.OpenAsync(ct);
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString);
                await copy.OpenAsync(ct);
                source.BackupDatabase(copy); // SQLite's online backup: one consistent moment, while others write
                return $"Backed up the SQLite database to {target} ({new FileInfo(target).Length / 1024} KiB).";
            }
            case DatabaseProvider.Postgres:
                await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--file", target], database.ConnectionString, dbName: null, ct);
                return $"Backed up the PostgreSQL database to {target} ({new FileInfo(target).Length / 1024} KiB, pg_dump's custom format).";
            default:
                throw new BackupException("On SQL Server, back up with its own BACKUP DATABASE (docs/operations.md): this command does SQLite and PostgreSQL.");
        }
    }

    public static async Task<string> RestoreAsync(DatabaseLocation database, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        var source = Path.GetFullPath(path);
        if (!File.Exists(source)) throw new BackupException($"{source} does not exist.");
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
            {
                var target = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
                if (File.Exists(target) && new FileInfo(target).Length > 0)
                    throw new BackupException($"{target} exists already: restore puts a backup into an empty place only. Move it away (or point ConnectionStrings:Portal elsewhere) and run restore again.");
                await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
                await backup.OpenAsync(ct);
                await using var restored = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
                await restored.OpenAsync(ct);
                backup.BackupDatabase(restored);
                return $"Restored {source} into {target}. Start the app: it applies any newer migrations.";
            }
            case DatabaseProvider.Postgres:
            {
                await using (var check = new NpgsqlConnection(database.ConnectionString))
                {
                    await check.OpenAsync(ct);
                    await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", check);
                    if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
                        throw new BackupException($"The database {check.Database} has tables already: restore puts a backup into an empty database only. Create a new one (createdb) and point ConnectionStrings:Portal at it.");
                }
                await RunAsync("pg_restore", ["--no-owner", "--exit-on-error", source], database.ConnectionString, dbName: "--dbname", ct);
                return $"Restored {source} into the PostgreSQL database. Start the app: it applies any newer migrations.";
            }
            default:
                throw new BackupException("On SQL Server, restore with its own RESTORE DATABASE (docs/operations.md): this command does SQLite and PostgreSQL.");
        }
    }

    /// <summary>Runs a PostgreSQL client tool with the connection given by environment (never on the command line: it holds the password).</summary>
    private static async Task RunAsync(string tool, string[] arguments, string connectionString, string? dbName, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (dbName is not null) start.ArgumentList.Insert(0, $"{dbName}={c.Database}");
        if (c.Host is { Length: > 0 } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (c.Username is { Length: > 0 } user) start.Environment["PGUSER"] = user;
        if (c.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        if (c.Database is { Length: > 0 } database) start.Environment["PGDATABASE"] = database;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} is not on the PATH: install PostgreSQL's client tools (apt install postgresql-client) of the server's version or newer.");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new BackupException($"{tool} failed: {(await error).Trim().ReplaceLineEndings(" ")}");
        }
    }
}

/// <summary>A backup or restore that cannot be done, in words for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
