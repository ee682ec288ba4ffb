using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasIndex(m => new { m.AccountHubId, m.UserId }).IsUnique();
        // A person's memberships, and among them those for one partner (an employee's client count on the Employees
        // tab): without the second column SQLite counted through the partner's whole index (1.8 s at 100,000 memberships).
        builder.HasIndex(m => new { m.UserId, m.PartnerHubId });
        // B3: the access ending soon (reminders) and past its end (the expiry job).
        builder.HasIndex(m => m.ExpiresAt);
        // B5: a partner's access across its clients, for its review of stale access.
        builder.HasIndex(m => new { m.PartnerHubId, m.Id });
        builder.HasIndex(m => new { m.AccountHubId, m.PartnerHubId });
        // A person's accounts in name order: a page of fifty is a walk of the index; with the kind, access type and id in
        // it, the switcher and the Clients tab's "your access type" count read the index alone (PostgreSQL's indexes do
        // not hold the primary key by themselves, SQLite's do).
        builder.Property(m => m.AccountName).HasMaxLength(200);
        builder.HasIndex(m => new { m.UserId, m.AccountName, m.AccountHubId, m.AccountKind, m.AccessType, m.Id });
        // A partner's employees in name order (the Employees tab, Add employees): a page is a walk of this index.
        builder.Property(m => m.UserName).HasMaxLength(200);
        builder.Property(m => m.UserEmail).HasMaxLength(254);
        builder.Property(m => m.GrantedVia).HasMaxLength(300);
        builder.HasIndex(m => new { m.AccountHubId, m.IsPartnerEmployee, m.UserName, m.UserId });
        // An account's users in name order (Users & Teams): a page is a walk of this index.
        builder.HasIndex(m => new { m.AccountHubId, m.UserName, m.UserId });
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.PermissionSet).WithMany().HasForeignKey(m => m.PermissionSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.PartnerHubId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsSuperAdmin);
        builder.Ignore(m => m.EffectivePermissions);
    }
}
