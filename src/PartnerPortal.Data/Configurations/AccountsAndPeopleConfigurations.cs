using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

// Accounts of both kinds and their people: users, members, permission sets, partner email domains, and the ways in
// (sign-ups, invitations to an account or to set a password).

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

internal sealed class ClientAccountConfiguration : IEntityTypeConfiguration<ClientAccount>
{
    public void Configure(EntityTypeBuilder<ClientAccount> builder)
    {
        builder.Ignore(a => a.StandardPartnerAdminSet);
        builder.HasMany(a => a.PermissionSets).WithOne().HasForeignKey(s => s.AccountHubId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.PermissionSets).HasField("_permissionSets").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PartnerAccountConfiguration : IEntityTypeConfiguration<PartnerAccount>
{
    public void Configure(EntityTypeBuilder<PartnerAccount> builder)
    {
        builder.HasMany(a => a.EmailDomains).WithOne().HasForeignKey(d => d.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.EmailDomains).HasField("_emailDomains").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Ignore(u => u.EmailDomain);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasIndex(m => new { m.AccountHubId, m.UserId }).IsUnique();
        // A person's memberships, and among them those for one partner (an employee's client count on the Employees
        // tab): without the second column SQLite counted through the partner's whole index (1.8 s at 100,000 memberships).
        builder.HasIndex(m => new { m.UserId, m.PartnerHubId });
        // B7: whether any account of the user's requires two-factor, one probe on every signed-in request.
        builder.HasIndex(m => new { m.UserId, m.AccountRequiresTwoFactor });
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

internal sealed class PermissionSetConfiguration : IEntityTypeConfiguration<PermissionSet>
{
    public void Configure(EntityTypeBuilder<PermissionSet> builder)
    {
        builder.ToTable("PermissionSets");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => new { s.AccountHubId, s.Name }).IsUnique();
    }
}

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

internal sealed class UserInvitationConfiguration : IEntityTypeConfiguration<UserInvitation>
{
    public void Configure(EntityTypeBuilder<UserInvitation> builder)
    {
        builder.ToTable("UserInvitations");
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.UserId);
        // Of two posts of one link, one sets the password: the other's UPDATE finds UsedAt no longer empty.
        builder.Property(i => i.UsedAt).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class PartnerEmailDomainConfiguration : IEntityTypeConfiguration<PartnerEmailDomain>
{
    public void Configure(EntityTypeBuilder<PartnerEmailDomain> builder)
    {
        builder.ToTable("PartnerEmailDomains");
        builder.Property(d => d.Domain).HasMaxLength(253);
        // A domain belongs to one partner only.
        builder.HasIndex(d => d.Domain).IsUnique();
    }
}
