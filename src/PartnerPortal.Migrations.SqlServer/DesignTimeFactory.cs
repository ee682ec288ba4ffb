using Microsoft.EntityFrameworkCore.Design;
using PartnerPortal.Data;

namespace PartnerPortal.Migrations.SqlServer;

/// <summary>Used by dotnet-ef only (no server is contacted to scaffold); the app configures the context from its own settings.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.OptionsFor(DatabaseProvider.SqlServer, "Server=localhost;Database=partnerportal_design;Integrated Security=true;TrustServerCertificate=true"));
}
