using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class PartnerEmailDomainConfiguration : IEntityTypeConfiguration<PartnerEmailDomain>
{
    public void Configure(EntityTypeBuilder<PartnerEmailDomain> builder)
    {
        builder.ToTable("PartnerEmailDomains");
        builder.Property(d => d.Domain).HasMaxLength(253);
        // A domain belongs to one partner only.
        builder.HasIndex(d => d.Domain).IsUnique();
    }
}
