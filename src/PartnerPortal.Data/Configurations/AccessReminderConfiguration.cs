using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPortal.Domain;

namespace PartnerPortal.Data.Configurations;

internal sealed class AccessReminderConfiguration : IEntityTypeConfiguration<AccessReminder>
{
    public void Configure(EntityTypeBuilder<AccessReminder> builder)
    {
        builder.ToTable("AccessReminders");
        builder.HasIndex(r => new { r.MembershipId, r.EndsAt, r.DaysBefore }).IsUnique();
    }
}
