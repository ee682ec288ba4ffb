using Microsoft.EntityFrameworkCore.Design;
using PartnerPortal.Data;

namespace PartnerPortal.Migrations.Sqlite;

/// <summary>Used by dotnet-ef only; the app configures the context from its own settings.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.OptionsFor(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
