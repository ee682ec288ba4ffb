using System.Globalization;
using System.Text;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// B3: time-bound access, kept. <see cref="RemindAsync"/> tells the employee, their partner's Client access managers and the
/// client's Super Admins 30, 7 and 1 days before an end date (one email a person a run, listing each access); each reminder
/// goes once however many instances run it, held by <see cref="AccessReminder"/>'s unique key. <see cref="ExpireAsync"/>
/// removes the access whose end has passed, by chunks of clients in one transaction each (R14: the only Super Admin
/// stays, <see cref="Account.ExpireDueAccess"/>), with R12, the audit trail ("Access expired") and the same people told.
/// Both read and write a constant number of statements per chunk.
/// </summary>
public sealed class AccessExpiry(PortalDb db, MailOutbox mail, PublicUrls urls, DomainEvents.RelationshipKeeper relationships, TimeProvider clock)
{
    public const int ReminderChunk = 500;
    public const int ClientChunk = 100;

    private sealed record Due(int Id, long ClientHubId, long PartnerHubId, Guid UserId, string Email, string Name, DateTimeOffset EndsAt, int Stage);

    /// <returns>How many reminders (accesses reminded of) this run sent.</returns>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Chunks.RunAsync(db, () => RemindChunkAsync(now, ct)); // another instance that sent some first: read again without them
    }

    private async Task<int?> RemindChunkAsync(DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        DateTimeOffset day1 = now.AddDays(1), day7 = now.AddDays(7), day30 = now.AddDays(30);
        var due = await db.Memberships.AsNoTracking()
            .Where(m => m.PartnerHubId != null && m.ExpiresAt > now && m.ExpiresAt <= day30)
            .Select(m => new { m.Id, m.AccountHubId, m.PartnerHubId, m.UserId, m.UserEmail, m.UserName, m.ExpiresAt, Stage = m.ExpiresAt <= day1 ? 1 : m.ExpiresAt <= day7 ? 7 : 30 })
            // Due: no reminder of this end at this stage or a nearer one yet (a 7-day one does not follow a 1-day one).
            .Where(x => !db.AccessReminders.Any(r => r.MembershipId == x.Id && r.EndsAt == x.ExpiresAt && r.DaysBefore <= x.Stage))
            .OrderBy(x => x.Id).Take(ReminderChunk)
            .ToListAsync(ct);
        if (due.Count == 0) return null;
        var rows = due.Select(d => new Due(d.Id, d.AccountHubId, d.PartnerHubId!.Value, d.UserId, d.UserEmail, d.UserName, d.ExpiresAt!.Value, d.Stage)).ToList();
        db.AccessReminders.AddRange(rows.Select(r => new AccessReminder(r.Id, r.EndsAt, r.Stage, now)));
        await TellAsync(rows, expired: false, ct);
        // The reminders first: a second instance's run fails on their unique key and rolls back its emails with them.
        await db.InsertAddedAsync<AccessReminder>(ct);
        await db.InsertAddedAsync<OutboxMessage>(ct);
        await db.InsertAddedAsync<Notification>(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    /// <returns>How many partner employees' access ended.</returns>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Chunks.RunAsync(db, () => ExpireChunkAsync(now, ct)); // another instance changed these clients meanwhile (Account.Version): read again
    }

    /// <returns>How many left in this chunk, or null when nothing is due.</returns>
    private async Task<int?> ExpireChunkAsync(DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var clientIds = await db.Memberships.Where(m => m.PartnerHubId != null && m.ExpiresAt <= now && m.AccountKind == AccountKind.Client)
            .Select(m => m.AccountHubId).Distinct().OrderBy(h => h).Take(ClientChunk).ToListAsync(ct);
        if (clientIds.Count == 0) return null;
        var clients = await db.ClientAccounts.Include(a => a.Memberships).ThenInclude(m => m.User).Include(a => a.Memberships).ThenInclude(m => m.PermissionSet)
            .AsSplitQuery().Where(a => clientIds.Contains(a.HubId)).ToListAsync(ct);
        // R12 for the whole chunk in two reads, not two a client: the relationships (tracked, RelationshipKeeper finds them
        // here) and each partner's last qualifying activity in each client.
        var serviced = await db.Relationships.Where(r => clientIds.Contains(r.ClientHubId)).ToListAsync(ct);
        var last = (await db.QualifyingActivities.Where(a => clientIds.Contains(a.ClientHubId))
                .GroupBy(a => new { a.ClientHubId, a.PartnerHubId }).Select(g => new { g.Key.ClientHubId, g.Key.PartnerHubId, At = g.Max(a => a.At) })
                .ToListAsync(ct))
            .ToDictionary(a => (a.ClientHubId, a.PartnerHubId), a => (DateTimeOffset?)a.At);
        foreach (var relationship in serviced)
            relationships.Know(relationship.ClientHubId, relationship.PartnerHubId, last.GetValueOrDefault((relationship.ClientHubId, relationship.PartnerHubId)));
        var gone = new List<Due>();
        foreach (var client in clients)
            gone.AddRange(client.ExpireDueAccess(now).Select(m => new Due(m.Id, client.HubId, m.PartnerHubId!.Value, m.UserId, m.UserEmail, m.UserName, m.ExpiresAt!.Value, 0)));
        if (gone.Count > 0) await TellAsync(gone, expired: true, ct);
        await db.InsertAddedAsync<OutboxMessage>(ct);
        await db.InsertAddedAsync<Notification>(ct);
        await db.SaveChangesAsync(ct); // the trail, R12 (RelationshipKeeper) and the notices, in this transaction
        await transaction.CommitAsync(ct);
        return gone.Count;
    }

    /// <summary>One email (and notification) a person: the employee, each Client access manager of their partner, each Super Admin of the client.</summary>
    private async Task TellAsync(List<Due> rows, bool expired, CancellationToken ct)
    {
        var clientIds = rows.Select(r => r.ClientHubId).Distinct().ToList();
        var partnerIds = rows.Select(r => r.PartnerHubId).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => clientIds.Contains(a.HubId) || partnerIds.Contains(a.HubId))
            .Select(a => new { a.HubId, a.Name }).ToDictionaryAsync(a => a.HubId, a => a.Name, ct);
        var superAdminsOf = (await db.Memberships.AsNoTracking().Where(m => clientIds.Contains(m.AccountHubId) && m.AccessType == AccessType.SuperAdmin)
            .Select(m => new { m.AccountHubId, m.UserId, m.UserEmail, m.UserName }).ToListAsync(ct))
            .ToLookup(m => m.AccountHubId, m => new Recipient(m.UserId, m.UserEmail, m.UserName));
        var managersOf = await DomainEvents.PartnerNotices.HoldersInAsync(db, partnerIds, Permission.ClientAccessManager, ct);

        var letters = new Dictionary<Guid, (Recipient To, List<Due> Items, string Link)>();
        void Add(Recipient to, Due item, string link)
        {
            if (!letters.TryGetValue(to.UserId, out var letter)) letters[to.UserId] = letter = (to, [], link);
            if (!letter.Items.Contains(item)) letter.Items.Add(item);
        }
        foreach (var row in rows)
        {
            Add(new Recipient(row.UserId, row.Email, row.Name), row, $"/{row.ClientHubId}/home");
            foreach (var m in managersOf[row.PartnerHubId]) Add(m, row, $"/{row.PartnerHubId}/partner/client-access-manager/employees/{row.UserId}");
            foreach (var m in superAdminsOf[row.ClientHubId]) Add(m, row, $"/{row.ClientHubId}/client/partner-access");
        }
        foreach (var (to, items, link) in letters.Values)
        {
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Hello {to.Name},\n\n");
            foreach (var item in items)
            {
                var who = item.UserId == to.UserId ? "Your access" : $"The access of {item.Name} ({item.Email})";
                var client = names.GetValueOrDefault(item.ClientHubId, $"Hub ID {item.ClientHubId}");
                var partner = names.GetValueOrDefault(item.PartnerHubId, $"Hub ID {item.PartnerHubId}");
                text.Append(expired
                    ? $"- {who} to {client}, on behalf of {partner}, expired at the end of {Day(item.EndsAt)} and was removed.\n"
                    : $"- {who} to {client}, on behalf of {partner}, ends at the end of {Day(item.EndsAt)} ({item.Stage} {(item.Stage == 1 ? "day" : "days")} left).\n");
            }
            text.Append(expired
                ? "\nTo work in that account again, the client must grant access again (an access link, or Add employees by a Partner Admin there)."
                : "\nThe client can extend it in its Settings → Partner access; the partner can ask it to from the Client Access Manager.");
            text.Append(CultureInfo.InvariantCulture, $"\n\n{urls.Absolute(link)}\n\nPartner Portal");
            var subject = items.Count == 1
                ? (expired ? $"Access expired: {items[0].Name} in {names.GetValueOrDefault(items[0].ClientHubId)}" : $"Access ends {Day(items[0].EndsAt)}: {items[0].Name} in {names.GetValueOrDefault(items[0].ClientHubId)}")
                : (expired ? $"{items.Count} partner accesses expired" : $"{items.Count} partner accesses end soon");
            mail.Enqueue(to, expired ? NotificationKind.AccessExpired : NotificationKind.AccessExpiring, subject, text.ToString(), link);
        }
    }

    private static string Day(DateTimeOffset endsAt) => AccessEnd.LastDay(endsAt).ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
}
