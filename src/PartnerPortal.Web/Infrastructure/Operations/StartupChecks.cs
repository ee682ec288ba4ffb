using System.Data.Common;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O5: the settings are checked before anything is built on them, so that a wrong one stops the app with a sentence, not a
/// stack trace. One home for every check that the app makes at start.
/// </summary>
public static class StartupChecks
{
    /// <summary>The provider, or a <see cref="StartupProblemException"/> naming <c>Database:Provider</c>.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return DatabaseSetup.ParseProvider(configuration["Database:Provider"]);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupProblemException(e.Message);
        }
    }

    /// <summary>The connection string: the one configured, or (SQLite only) a file under the writable App_Data folder.</summary>
    public static string ConnectionString(IConfiguration configuration, IWebHostEnvironment environment, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new StartupProblemException($"ConnectionStrings:Portal is empty, and Database:Provider {provider} needs one: set it (environment variable ConnectionStrings__Portal), e.g. \"Host=db;Database=partnerportal;Username=portal;Password=…\".");
            return $"Data Source={Path.Combine(WritableAppData(environment), "partnerportal.db")}";
        }
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = configured };
        }
        catch (ArgumentException)
        {
            throw new StartupProblemException("ConnectionStrings:Portal cannot be read: write it as key=value pairs separated by semicolons, e.g. \"Host=db;Database=partnerportal;Username=portal\".");
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(configured).DataSource;
            if (string.IsNullOrWhiteSpace(file))
                throw new StartupProblemException("ConnectionStrings:Portal names no SQLite file: write \"Data Source=/path/to/partnerportal.db\", or leave it empty for App_Data/partnerportal.db.");
            var folder = Path.GetDirectoryName(Path.GetFullPath(file, environment.ContentRootPath));
            if (folder is not null && !Directory.Exists(folder))
                throw new StartupProblemException($"ConnectionStrings:Portal puts the SQLite database in {folder}, which does not exist: create it, or change the Data Source.");
            if (folder is not null && !IsWritable(folder))
                throw new StartupProblemException($"ConnectionStrings:Portal puts the SQLite database in {folder}, where this process cannot write: give it write access, or change the Data Source.");
        }
        return configured;
    }

    /// <summary>App_Data under the content root: created when missing, and written to once to prove it can be.</summary>
    public static string WritableAppData(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupProblemException($"The folder {folder} (App_Data, for the SQLite database and mail files) cannot be created: create it with write access for this process, or set ConnectionStrings:Portal and Mail:PickupFolder elsewhere.");
        }
        if (!IsWritable(folder))
            throw new StartupProblemException($"The folder {folder} (App_Data, for the SQLite database and mail files) is read-only for this process: give it write access, or set ConnectionStrings:Portal and Mail:PickupFolder elsewhere.");
        return folder;
    }

    /// <summary>Without an SMTP server, emails are files in a folder the app must be able to write to.</summary>
    public static void MailFolder(IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"])) return;
        if (configuration["Mail:PickupFolder"] is { Length: > 0 } folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupProblemException($"Mail:PickupFolder is {folder}, which cannot be created: create it with write access for this process, or set Mail:Smtp:Host to send through an SMTP server.");
            }
            if (!IsWritable(folder))
                throw new StartupProblemException($"Mail:PickupFolder is {folder}, where this process cannot write: give it write access, or set Mail:Smtp:Host to send through an SMTP server.");
            return;
        }
        WritableAppData(environment);
    }

    /// <summary>Links in emails need the address users reach the app at; only a developer's machine may guess it.</summary>
    public static void PublicUrl(IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration["Mail:PublicUrl"];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (environment.IsDevelopment() || environment.IsEnvironment("Testing")) return;
            throw new StartupProblemException($"Mail:PublicUrl is not set, and the links in emails need it outside Development (this is {environment.EnvironmentName}): set it to the address users reach the app at, e.g. Mail__PublicUrl=https://portal.example.com.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new StartupProblemException($"Mail:PublicUrl is \"{value}\", which is not an http(s) address: set it to the address users reach the app at, e.g. https://portal.example.com.");
    }

    /// <summary>
    /// Opens one connection before migrating, outside EF (which would log the failure with its stack trace), so that a
    /// database out of reach is one sentence.
    /// </summary>
    public static async Task ReachAsync(PortalDb db, DatabaseProvider provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var template = db.Database.GetDbConnection();
        await using var probe = provider switch
        {
            DatabaseProvider.Sqlite => (DbConnection)new Microsoft.Data.Sqlite.SqliteConnection(template.ConnectionString),
            DatabaseProvider.Postgres => new Npgsql.NpgsqlConnection(template.ConnectionString),
            _ => new Microsoft.Data.SqlClient.SqlConnection(template.ConnectionString),
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await probe.OpenAsync(timeout.Token);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            // The server answered; the database does not exist yet, and migrating creates it.
        }
        catch (Microsoft.Data.SqlClient.SqlException e) when (e.Number == 4060)
        {
            // As above: SQL Server's "cannot open database", which migrating creates.
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var why = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            var where = provider == DatabaseProvider.Sqlite ? $"the SQLite file of ConnectionStrings:Portal" : $"the {provider} database of ConnectionStrings:Portal ({Describe(template.ConnectionString)})";
            throw new StartupProblemException($"Cannot open {where}: {why.TrimEnd('.')}. Check ConnectionStrings:Portal and that the database server is running and reachable.");
        }
    }

    /// <summary>Where a connection string points, without its password.</summary>
    private static string Describe(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var shown = Locating.Where(parts.ContainsKey).Select(k => $"{k}={parts[k]}");
        return string.Join(";", shown);
    }

    private static readonly string[] Locating = ["Host", "Server", "Data Source", "Port", "Database", "Initial Catalog"];

    private static bool IsWritable(string folder)
    {
        var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
