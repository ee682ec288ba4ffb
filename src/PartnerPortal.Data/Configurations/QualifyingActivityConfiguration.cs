using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class QualifyingActivityConfiguration : IEntityTypeConfiguration<QualifyingActivity>
{
    public void Configure(EntityTypeBuilder<QualifyingActivity> builder)
    {
        builder.ToTable("QualifyingActivities");
        builder.Property(a => a.Action).HasMaxLength(200);
        builder.HasIndex(a => new { a.ClientHubId, a.PartnerHubId, a.At });
        // B2: a user's last qualifying activity in a client (Users & Teams, the ledger).
        builder.HasIndex(a => new { a.ClientHubId, a.UserId, a.At });
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.ClientHubId).OnDelete(DeleteBehavior.Cascade);
    }
}
