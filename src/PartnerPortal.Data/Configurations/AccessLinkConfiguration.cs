using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccessLinkConfiguration : IEntityTypeConfiguration<AccessLink>
{
    public void Configure(EntityTypeBuilder<AccessLink> builder)
    {
        builder.ToTable("AccessLinks");
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.SealedToken).HasMaxLength(1000);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.PartnerHubId, l.EmployeeUserId }).IsUnique();
        builder.Ignore(l => l.DomainEvents);
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.EmployeeUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
