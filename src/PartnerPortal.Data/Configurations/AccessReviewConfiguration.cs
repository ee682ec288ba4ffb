using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> builder)
    {
        builder.ToTable("AccessReviews");
        builder.HasIndex(r => r.OpenFor).IsUnique();
        builder.HasIndex(r => new { r.PartnerHubId, r.StartedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
    }
}
