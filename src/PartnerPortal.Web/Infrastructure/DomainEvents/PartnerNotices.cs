using PartnerPortal.Domain.Events;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>
/// R23: the partner is told by email, in the change's own transaction, that a client revoked it. SPEC §3: a client's Super
/// Admins are told when a partner's bulk removal left one of that partner's people in their account, and why.
/// </summary>
public sealed class PartnerNotices(PortalDb db, MailOutbox mail, PublicUrls urls) : IDomainEventHandler<PartnerRevoked>, IDomainEventHandler<PartnerPersonStayed>
{
    public async Task HandleAsync(PartnerPersonStayed domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var partner = await db.Accounts.Where(a => a.HubId == domainEvent.PartnerHubId).Select(a => a.Name).SingleAsync(ct);
        var ledger = $"/{domainEvent.ClientHubId}/client/partner-access";
        foreach (var admin in await Holders(db, domainEvent.ClientHubId, Permission.ManageSuperAdmins).ToListAsync(ct))
            mail.Enqueue(admin, NotificationKind.AccessRevoked, $"{domainEvent.Name} of {partner} stays in your account",
                $"Hello {admin.Name},\n\n{partner} removed {domainEvent.Name}'s access in its clients, but {domainEvent.Name} stays in your account: " +
                $"{domainEvent.Reason}\n\nDecide whether they keep their access: {urls.Absolute(ledger)}\n\nPartner Portal", ledger);
    }

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
    /// <param name="exceptFor">Leaves out the people who work there for this partner (a question to the client from that partner).</param>
    internal static IQueryable<Recipient> Holders(PortalDb db, long hubId, Permission permission, long? exceptFor = null) =>
        db.Memberships.Where(m => m.AccountHubId == hubId && (exceptFor == null || m.PartnerHubId == null || m.PartnerHubId != exceptFor)).Where(Membership.HasInQuery(permission))
            .OrderBy(m => m.UserName).Take(50).Select(m => new Recipient(m.UserId, m.UserEmail, m.UserName));

    /// <summary>The same people in several accounts at once (one statement), by account: for the jobs that tell many partners or clients.</summary>
    internal static async Task<ILookup<long, Recipient>> HoldersInAsync(PortalDb db, IReadOnlyCollection<long> hubIds, Permission permission, CancellationToken ct) =>
        (await db.Memberships.Where(m => hubIds.Contains(m.AccountHubId)).Where(Membership.HasInQuery(permission))
            .Select(m => new { m.AccountHubId, m.UserId, m.UserEmail, m.UserName }).ToListAsync(ct))
        .ToLookup(m => m.AccountHubId, m => new Recipient(m.UserId, m.UserEmail, m.UserName));

    private static IQueryable<Recipient> AdminsOfPartner(PortalDb db, long partnerHubId) => Holders(db, partnerHubId, Permission.ClientAccessManager);
}
