using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartnerPortal.Domain;

namespace PartnerPortal.Data;

public class PortalDb(DbContextOptions<PortalDb> options) : IdentityDbContext<PortalUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The app's data-protection keys (cookies, antiforgery, sealed access links), shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Account> Accounts => Set<Account>();

    /// <summary>The partner agencies: <see cref="Accounts"/> of the partner kind, typed, to call what only a partner does.</summary>
    public DbSet<PartnerAccount> PartnerAccounts => Set<PartnerAccount>();

    /// <summary>The clients: <see cref="Accounts"/> of the client kind, typed, to call what only a client does.</summary>
    public DbSet<ClientAccount> ClientAccounts => Set<ClientAccount>();

    public DbSet<User> DomainUsers => Set<User>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<PermissionSet> PermissionSets => Set<PermissionSet>();
    public DbSet<PartnerEmailDomain> PartnerEmailDomains => Set<PartnerEmailDomain>();
    public DbSet<PartnerClientRelationship> Relationships => Set<PartnerClientRelationship>();

    /// <summary>The relationships that are current (<see cref="PartnerClientRelationship.Current"/>); usable inside a query too.</summary>
    public IQueryable<PartnerClientRelationship> CurrentRelationships => Relationships.Where(PartnerClientRelationship.Current);
    public DbSet<AccessLink> AccessLinks => Set<AccessLink>();
    public DbSet<UserInvitation> UserInvitations => Set<UserInvitation>();
    public DbSet<AccountInvitation> AccountInvitations => Set<AccountInvitation>();
    public DbSet<AccountSignUp> AccountSignUps => Set<AccountSignUp>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ClientInvitation> ClientInvitations => Set<ClientInvitation>();
    public DbSet<PartnerAccessRequest> PartnerAccessRequests => Set<PartnerAccessRequest>();
    public DbSet<PartnerAccessUpload> PartnerAccessUploads => Set<PartnerAccessUpload>();
    public DbSet<QualifyingActivity> QualifyingActivities => Set<QualifyingActivity>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AccessReminder> AccessReminders => Set<AccessReminder>();
    public DbSet<AccessReview> AccessReviews => Set<AccessReview>();
    public DbSet<PartnerFigures> PartnerFigures => Set<PartnerFigures>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    /// <summary>B1: audit entries are only ever added. Saving a change to one, or its removal, is refused (the database refuses an UPDATE too).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseAuditChanges()
    {
        // Without detecting changes first (a look at every tracked entity, thousands in a bulk change; SaveChanges detects them
        // anyway): an audit entry's properties cannot be set, so it is only ever marked Modified or Deleted explicitly.
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        var changed = ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted);
        ChangeTracker.AutoDetectChangesEnabled = detecting;
        if (changed)
            throw new InvalidOperationException("Audit entries are immutable: they are added, never changed or removed (only the retention job removes old ones).");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no date or decimal type: store instants as sortable integers so that
            // "ends before now" and ordering run in SQL. All instants are written in UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }
}
