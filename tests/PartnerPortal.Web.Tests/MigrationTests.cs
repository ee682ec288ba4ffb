using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// What can be proved about each provider without its server: a model change without a migration fails
/// here, and the idempotent deployment script (what an operator runs against SQL Server or PostgreSQL)
/// is generated and creates every table of the model. No server is contacted.
/// </summary>
public sealed class MigrationTests
{
    private const string SqlServer = "Server=localhost;Database=not_opened;Integrated Security=true;TrustServerCertificate=true";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=not_opened")]
    [InlineData(DatabaseProvider.SqlServer, SqlServer)]
    public void Every_model_change_is_covered_by_a_migration(DatabaseProvider provider, string connectionString)
    {
        using var db = new PortalDb(DatabaseSetup.OptionsFor(provider, connectionString));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes no {provider} migration covers: run scripts/add-migration.sh <Name>.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=not_opened", "CREATE TABLE \"{0}\"")]
    [InlineData(DatabaseProvider.SqlServer, SqlServer, "CREATE TABLE [{0}]")]
    public void The_idempotent_deployment_script_creates_every_table(DatabaseProvider provider, string connectionString, string createTable)
    {
        using var db = new PortalDb(DatabaseSetup.OptionsFor(provider, connectionString));

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.True(tables.Count >= 20, $"Only {tables.Count} tables in the model.");
        Assert.All(tables, table => Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, createTable, table), script, StringComparison.Ordinal));
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal); // each migration runs only where it has not run yet
    }
}
