using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccountInvitationConfiguration : IEntityTypeConfiguration<AccountInvitation>
{
    public void Configure(EntityTypeBuilder<AccountInvitation> builder)
    {
        builder.ToTable("AccountInvitations");
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.State).IsConcurrencyToken();
        builder.HasIndex(i => new { i.AccountHubId, i.OpenFor }).IsUnique(); // one open invitation per account and person
        builder.HasIndex(i => new { i.UserId, i.State });
        builder.Ignore(i => i.ClientAccess);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountHubId).OnDelete(DeleteBehavior.Cascade);
    }
}
