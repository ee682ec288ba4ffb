using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class ClientAccountConfiguration : IEntityTypeConfiguration<ClientAccount>
{
    public void Configure(EntityTypeBuilder<ClientAccount> builder)
    {
        builder.Ignore(a => a.StandardPartnerAdminSet);
        builder.HasMany(a => a.PermissionSets).WithOne().HasForeignKey(s => s.AccountHubId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.PermissionSets).HasField("_permissionSets").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
