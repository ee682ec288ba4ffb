using Microsoft.EntityFrameworkCore.Design;
using PartnerPortal.Data;

namespace PartnerPortal.Migrations.Postgres;

/// <summary>Used by dotnet-ef only; scaffolding needs no running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.OptionsFor(DatabaseProvider.Postgres, "Host=localhost;Database=partnerportal_design"));
}
