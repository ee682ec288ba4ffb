using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

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
