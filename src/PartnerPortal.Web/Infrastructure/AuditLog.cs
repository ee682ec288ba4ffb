using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>B1: one entry per access change, saved with the change itself.</summary>
public sealed class AuditLog(PortalDb db, ICurrentUser me, TimeProvider clock)
{
    public void Record(long accountHubId, long? partnerHubId, string action, string subject, string? before, string? after) =>
        db.AuditEntries.Add(new AuditEntry(accountHubId, partnerHubId, me.IsSignedIn ? me.UserId : null, action, subject, before, after, clock.GetUtcNow()));
}
