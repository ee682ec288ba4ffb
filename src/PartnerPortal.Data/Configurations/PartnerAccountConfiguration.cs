using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class PartnerAccountConfiguration : IEntityTypeConfiguration<PartnerAccount>
{
    public void Configure(EntityTypeBuilder<PartnerAccount> builder)
    {
        builder.HasMany(a => a.EmailDomains).WithOne().HasForeignKey(d => d.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.EmailDomains).HasField("_emailDomains").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
