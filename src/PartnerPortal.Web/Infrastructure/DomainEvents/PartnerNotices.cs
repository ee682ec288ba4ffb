using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Domain.Events;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>R23: the partner is told by email, in the change's own transaction, that a client revoked it.</summary>
public sealed class PartnerNotices(PortalDb db, MailOutbox mail, PublicUrls urls) : IDomainEventHandler<PartnerRevoked>
{
    public async Task HandleAsync(PartnerRevoked domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var client = await db.Accounts.Where(a => a.HubId == domainEvent.ClientHubId).Select(a => a.Name).SingleAsync(ct);
        foreach (var admin in await AdminsOfPartner(db, domainEvent.PartnerHubId).ToListAsync(ct))
            mail.Enqueue(admin, NotificationKind.AccessRevoked, $"{client} revoked your agency's access",
                $"Hello {admin.Name},\n\n{client} (Hub ID {domainEvent.ClientHubId}) removed every employee of your agency from its account " +
                $"on {domainEvent.At.UtcDateTime:yyyy-MM-dd}, and your partner relationship with it ended that day.\n\n" +
                $"Your clients: {urls.Absolute($"/{domainEvent.PartnerHubId}/partner/dashboard")}\n\nPartner Portal", $"/{domainEvent.PartnerHubId}/partner/dashboard");
    }

    /// <summary>Who in an account hears about its partners or clients: Super Admins and holders of <paramref name="permission"/> (the first 50).</summary>
    internal static IQueryable<Recipient> Holders(PortalDb db, long hubId, Permission permission) =>
        db.Memberships.Where(m => m.AccountHubId == hubId).Where(Membership.HasInQuery(permission))
            .OrderBy(m => m.UserName).Take(50).Select(m => new Recipient(m.UserId, m.UserEmail, m.UserName));

    private static IQueryable<Recipient> AdminsOfPartner(PortalDb db, long partnerHubId) => Holders(db, partnerHubId, Permission.ClientAccessManager);
}
