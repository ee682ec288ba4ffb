using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class PermissionSetConfiguration : IEntityTypeConfiguration<PermissionSet>
{
    public void Configure(EntityTypeBuilder<PermissionSet> builder)
    {
        builder.ToTable("PermissionSets");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => new { s.AccountHubId, s.Name }).IsUnique();
    }
}
