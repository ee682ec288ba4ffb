using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class RelationshipConfiguration : IEntityTypeConfiguration<PartnerClientRelationship>
{
    public void Configure(EntityTypeBuilder<PartnerClientRelationship> builder)
    {
        builder.ToTable("PartnerClientRelationships");
        builder.HasIndex(r => new { r.PartnerHubId, r.ClientHubId }).IsUnique();
        builder.HasIndex(r => new { r.State, r.EndsAt });
        // A partner's current clients counted from the index alone (the Clients tab's total with every access type).
        builder.HasIndex(r => new { r.PartnerHubId, r.State });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.PartnerHubId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.ClientHubId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.IsCurrent);
        builder.Ignore(r => r.DomainEvents);
        // Every move is made from the state it was read in: the job ending a relationship and an
        // employee being added back cannot both win (R12), nor two instances end it twice.
        builder.Property(r => r.State).IsConcurrencyToken();
    }
}
