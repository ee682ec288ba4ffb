using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class ClientInvitationConfiguration : IEntityTypeConfiguration<ClientInvitation>
{
    public void Configure(EntityTypeBuilder<ClientInvitation> builder)
    {
        builder.ToTable("ClientInvitations");
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        // A partner's pending client invitations, and a client's invitations sent, newest first.
        builder.HasIndex(i => new { i.PartnerHubId, i.State, i.CreatedAt });
        builder.HasIndex(i => new { i.ClientHubId, i.CreatedAt });
        builder.Property(i => i.State).IsConcurrencyToken();
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.ClientHubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.PartnerHubId).OnDelete(DeleteBehavior.Restrict);
    }
}
