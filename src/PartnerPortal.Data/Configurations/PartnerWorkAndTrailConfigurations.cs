using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

// A partner's work in its clients (relationships, access links, assignments, client invitations, Partner Access requests
// and uploads, qualifying activity, access reviews and reminders) and what the product records and tells (the audit
// trail, the mail outbox, notifications).

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
        // R15, kept by PartnerFiguresKeeper: the client's MRR and how many partners share it, when this relationship earns
        // credit (both 0 otherwise). Shadow columns: the domain judges credit with ManagedCredit.Of, these are its sums.
        builder.Property<decimal>(PartnerFigures.RelationshipMrr).HasPrecision(18, 2);
        builder.Property<int>(PartnerFigures.RelationshipPartners);
        builder.HasIndex(nameof(PartnerClientRelationship.PartnerHubId), PartnerFigures.RelationshipPartners, PartnerFigures.RelationshipMrr);
    }
}

internal sealed class PartnerFiguresConfiguration : IEntityTypeConfiguration<PartnerFigures>
{
    public void Configure(EntityTypeBuilder<PartnerFigures> builder)
    {
        builder.ToTable("PartnerFigures");
        builder.HasKey(c => c.PartnerHubId);
        builder.Property(c => c.PartnerHubId).ValueGeneratedNever();
        builder.Property(c => c.MonthlyRecurringRevenue).HasPrecision(26, 8);
    }
}

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

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasIndex(a => new { a.PartnerHubId, a.EmployeeUserId, a.ClientHubId }).IsUnique();
        // A client's assigned employees (the dashboard's client page and Client list).
        builder.HasIndex(a => new { a.PartnerHubId, a.ClientHubId, a.EmployeeUserId });
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.ClientHubId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.EmployeeUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class PartnerAccessRequestConfiguration : IEntityTypeConfiguration<PartnerAccessRequest>
{
    public void Configure(EntityTypeBuilder<PartnerAccessRequest> builder)
    {
        builder.ToTable("PartnerAccessRequests");
        builder.HasIndex(r => new { r.PartnerHubId, r.ClientHubId });
        // One open request per (client, user) is looked up here; the reviewers' queue reads pending requests by due date.
        builder.HasIndex(r => new { r.ClientHubId, r.ForUserId, r.State });
        builder.HasIndex(r => new { r.State, r.DecisionDueOn });
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.State).IsConcurrencyToken();
        builder.Ignore(r => r.IsOpen);
        // R26: one open request per (client, user), held by the database (null once decided: SQL Server's unique index on a
        // nullable column is filtered to non-null values by EF Core, SQLite and PostgreSQL allow many nulls).
        builder.Property(r => r.OpenFor).HasMaxLength(60);
        builder.HasIndex(r => r.OpenFor).IsUnique();
        // The partner's list of its requests, newest first.
        builder.HasIndex(r => new { r.PartnerHubId, r.SubmittedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.PartnerHubId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.ClientHubId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerAccessUploadConfiguration : IEntityTypeConfiguration<PartnerAccessUpload>
{
    public void Configure(EntityTypeBuilder<PartnerAccessUpload> builder)
    {
        builder.ToTable("PartnerAccessUploads");
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.FileName).HasMaxLength(200);
        builder.HasIndex(u => new { u.PartnerHubId, u.At });
        builder.HasOne<Account>().WithMany().HasForeignKey(u => u.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.Property(a => a.Before).HasMaxLength(2000);
        builder.Property(a => a.After).HasMaxLength(2000);
        builder.HasIndex(a => new { a.AccountHubId, a.At });
        builder.HasIndex(a => new { a.PartnerHubId, a.At });
        // A partner's offboarding receipts (B4): its entries of a few actions.
        builder.HasIndex(a => new { a.PartnerHubId, a.Action, a.At });
        builder.HasIndex(a => new { a.OperationId, a.Id });
        // B1: the trails' filters, each an equality on the account and one column, then the time (keyset paging newest first).
        builder.HasIndex(a => new { a.AccountHubId, a.Action, a.At });
        builder.HasIndex(a => new { a.AccountHubId, a.ActorUserId, a.At });
        builder.HasIndex(a => new { a.AccountHubId, a.Subject, a.At });
        builder.HasIndex(a => new { a.PartnerHubId, a.ActorUserId, a.At });
        builder.HasIndex(a => new { a.PartnerHubId, a.Subject, a.At });
        builder.HasIndex(a => new { a.PartnerHubId, a.AccountHubId, a.At });
        // B8: the token an entry was made through, if any (a token's row may be gone; the entry keeps its id).
        builder.Property(a => a.ApiTokenId);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.ToTable("IdempotentRequests");
        // One row per token and key: the first request to insert it runs, the others wait for its answer.
        builder.HasKey(r => new { r.TokenId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(100);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(100);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(r => r.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Hint).HasMaxLength(4);
        // Found by its hash alone, on every API request.
        builder.HasIndex(t => t.TokenHash).IsUnique();
        // A user's own tokens, newest first.
        builder.HasIndex(t => new { t.UserId, t.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountHubId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(20000);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.LockedUntil });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyLength);
        builder.Property(n => n.Link).HasMaxLength(500);
        // A user's list, newest first (keyset on Id), and their unread ones: the bell's count reads this index alone.
        builder.HasIndex(n => new { n.UserId, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccessReminderConfiguration : IEntityTypeConfiguration<AccessReminder>
{
    public void Configure(EntityTypeBuilder<AccessReminder> builder)
    {
        builder.ToTable("AccessReminders");
        builder.HasIndex(r => new { r.MembershipId, r.EndsAt, r.DaysBefore }).IsUnique();
    }
}

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> builder)
    {
        builder.ToTable("AccessReviews");
        builder.HasIndex(r => r.OpenFor).IsUnique();
        builder.HasIndex(r => new { r.PartnerHubId, r.StartedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.PartnerHubId).OnDelete(DeleteBehavior.Cascade);
    }
}
