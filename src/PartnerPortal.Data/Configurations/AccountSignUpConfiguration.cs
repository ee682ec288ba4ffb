using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccountSignUpConfiguration : IEntityTypeConfiguration<AccountSignUp>
{
    public void Configure(EntityTypeBuilder<AccountSignUp> builder)
    {
        builder.ToTable("AccountSignUps");
        builder.Property(s => s.AccountName).HasMaxLength(200);
        builder.Property(s => s.OwnerName).HasMaxLength(200);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.OpenFor).HasMaxLength(320);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.OpenFor).IsUnique(); // one open sign-up per email: fifty posts make one
        builder.HasIndex(s => new { s.PartnerHubId, s.OpenFor }); // a partner's client accounts waiting for their owner
        // Of two posts of one link, one makes the account: the other's UPDATE finds UsedAt no longer empty.
        builder.Property(s => s.UsedAt).IsConcurrencyToken();
        builder.Property(s => s.TokenHash).IsConcurrencyToken();
    }
}
