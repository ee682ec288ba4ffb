using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Tests;

/// <summary>A model change without a migration fails here, for each provider. No server is needed.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=not_opened")]
    public void Every_model_change_is_covered_by_a_migration(DatabaseProvider provider, string connectionString)
    {
        using var db = new PortalDb(DatabaseSetup.OptionsFor(provider, connectionString));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes no {provider} migration covers: run scripts/add-migration.sh <Name>.");
    }
}
