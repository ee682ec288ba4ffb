using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

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
    }
}
