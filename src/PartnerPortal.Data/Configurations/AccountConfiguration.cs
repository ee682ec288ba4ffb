using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("Accounts");
        builder.HasKey(a => a.HubId);
        builder.Property(a => a.HubId).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Subscription).HasMaxLength(200);
        builder.Property(a => a.MonthlyRecurringRevenue).HasPrecision(18, 2);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Name);
        // B5: every account made before the policy existed gets the default (the value is the domain's; no database default is used when it is set).
        builder.Property(a => a.StaleAfterDays).HasDefaultValue(Account.DefaultStaleAfterDays).HasSentinel(0);
        builder.Ignore(a => a.SuperAdminCount);
        builder.Ignore(a => a.DomainEvents);
        // One table for both kinds: the kind column (there since the first migration) says which type a row is.
        builder.HasDiscriminator(a => a.Kind).HasValue<PartnerAccount>(AccountKind.Partner).HasValue<ClientAccount>(AccountKind.Client);

        builder.HasMany(a => a.Memberships).WithOne().HasForeignKey(m => m.AccountHubId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Memberships).HasField("_memberships").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
