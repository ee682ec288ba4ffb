using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.Jobs;

/// <summary>
/// B5: the quarterly review starts by itself for each partner that asked for it (once a quarter, unless one is open), and an
/// overdue review is reminded once; the partner's Super Admins and Client access managers are told (email and notification).
/// Each once however many instances run it: a start is held by the one-open-review key, a reminder by a conditional UPDATE.
/// </summary>
public sealed class AccessReviewSchedule(PortalDb db, MailOutbox mail, PublicUrls urls, TimeProvider clock)
{
    public const int Chunk = 500;

    public static DateTimeOffset QuarterStart(DateTimeOffset now) => new(now.UtcDateTime.Year, (now.UtcDateTime.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <returns>How many reviews started and how many overdue ones were reminded.</returns>
    public async Task<(int Started, int Reminded)> RunAsync(CancellationToken ct)
    {
        // To the millisecond, which every database keeps: the claimed reminders are read back by this instant.
        var clockNow = clock.GetUtcNow();
        var now = new DateTimeOffset(clockNow.UtcTicks - (clockNow.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        int started = 0, reminded = 0;
        // Another instance that started or reminded some of these first: read again without them.
        await Chunks.RunAsync(db, async () =>
        {
            var (s, r) = await ChunkAsync(now, ct);
            started += s;
            reminded += r;
            return s + r == 0 ? null : s + r;
        });
        return (started, reminded);
    }

    private async Task<(int Started, int Reminded)> ChunkAsync(DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var quarter = QuarterStart(now);
        var toStart = await db.Accounts.AsNoTracking()
            .Where(a => a.Kind == AccountKind.Partner && a.QuarterlyReview
                && !db.AccessReviews.Any(r => r.PartnerHubId == a.HubId && (r.OpenFor != null || r.StartedAt >= quarter)))
            .OrderBy(a => a.HubId).Select(a => a.HubId).Take(Chunk).ToListAsync(ct);
        db.AccessReviews.AddRange(toStart.Select(p => new AccessReview(p, null, now)));
        await db.SaveChangesAsync(ct); // the one-open-review key fails a second instance's start: it rolls back and reads again

        // Overdue: claimed by setting when they were reminded, only where nobody did yet; then the claimed ones are read back.
        var overdue = await db.AccessReviews.Where(r => r.OpenFor != null && r.DueAt < now && r.OverdueRemindedAt == null)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(Chunk).ToListAsync(ct);
        var claimed = overdue.Count == 0 ? 0 : await db.AccessReviews.Where(r => overdue.Contains(r.Id) && r.OverdueRemindedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OverdueRemindedAt, now), ct);
        var remind = claimed == 0 ? [] : await db.AccessReviews.AsNoTracking().Where(r => overdue.Contains(r.Id) && r.OverdueRemindedAt == now)
            .Select(r => new { r.PartnerHubId, r.DueAt }).ToListAsync(ct);
        if (remind.Count != claimed) throw new DbUpdateConcurrencyException("Another instance reminded some of these at the same instant.");

        var partners = toStart.Concat(remind.Select(r => r.PartnerHubId)).Distinct().ToList();
        if (partners.Count > 0)
        {
            var holders = await PartnerNotices.HoldersInAsync(db, partners, Permission.ClientAccessManager, ct);
            foreach (var partner in toStart)
                foreach (var to in holders[partner])
                    mail.Enqueue(to, NotificationKind.AccessReview, "Your quarterly access review has started",
                        $"Hello {to.Name},\n\nThe quarterly review of stale access has started: keep or remove each partner employee's access that has had no activity for a while, " +
                        $"by {(now + AccessReview.Window).UtcDateTime:MMM d, yyyy}.\n\n{urls.Absolute(Link(partner))}\n\nPartner Portal", Link(partner));
            foreach (var review in remind)
                foreach (var to in holders[review.PartnerHubId])
                    mail.Enqueue(to, NotificationKind.AccessReview, "Your access review is overdue",
                        $"Hello {to.Name},\n\nThe access review due on {review.DueAt.UtcDateTime:MMM d, yyyy} is not complete yet. Keep or remove the stale access, then complete it.\n\n" +
                        $"{urls.Absolute(Link(review.PartnerHubId))}\n\nPartner Portal", Link(review.PartnerHubId));
            await db.InsertAddedAsync<OutboxMessage>(ct);
            await db.InsertAddedAsync<Notification>(ct);
        }
        await transaction.CommitAsync(ct);
        return (toStart.Count, remind.Count);
    }

    private static string Link(long partnerHubId) => $"/{partnerHubId}/partner/access-reviews";
}
