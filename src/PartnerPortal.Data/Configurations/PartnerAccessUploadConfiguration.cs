using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class PartnerAccessUploadConfiguration : IEntityTypeConfiguration<PartnerAccessUpload>
{
    public void Configure(EntityTypeBuilder<PartnerAccessUpload> builder)
    {
        builder.ToTable("PartnerAccessUploads");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.FileName).HasMaxLength(200);
        builder.HasIndex(u => new { u.PartnerHubId, u.At });
        builder.HasOne<Account>().WithMany().HasForeignKey(u => u.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
    }
}
