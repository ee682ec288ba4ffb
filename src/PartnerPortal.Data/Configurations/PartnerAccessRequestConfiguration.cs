using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

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
