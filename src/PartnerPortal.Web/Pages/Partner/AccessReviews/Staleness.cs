namespace PartnerPortal.Web.Pages.Partner.AccessReviews;

/// <summary>
/// B5: the one home of "stale" — a partner employee's access in a client with no qualifying activity of theirs there for the
/// partner's period (<see cref="Account.StaleAfterDays"/>, default 90), counted from when it was granted or last kept by a review.
/// </summary>
public static class Staleness
{
    public static DateTimeOffset Cutoff(int staleAfterDays, DateTimeOffset now) => now.AddDays(-staleAfterDays);

    /// <summary>The partner's stale access in its clients, in SQL: each a probe of the activities' (client, user, time) index.</summary>
    public static IQueryable<Membership> StaleOf(PortalDb db, long partnerHubId, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Memberships.Where(m => m.PartnerHubId == partnerHubId && m.AccountKind == AccountKind.Client
            && m.GrantedAt < cutoff && (m.ReviewedAt == null || m.ReviewedAt < cutoff)
            && !db.QualifyingActivities.Any(a => a.ClientHubId == m.AccountHubId && a.UserId == m.UserId && a.At >= cutoff));
    }

    /// <summary>The same rule for a row a page has read already (its last activity and the partner's period with it).</summary>
    public static bool IsStale(DateTimeOffset grantedAt, DateTimeOffset? reviewedAt, DateTimeOffset? lastActivity, int staleAfterDays, DateTimeOffset now)
    {
        var cutoff = Cutoff(staleAfterDays, now);
        return grantedAt < cutoff && (reviewedAt is null || reviewedAt < cutoff) && (lastActivity is null || lastActivity < cutoff);
    }

    public const string Label = "Stale";

    public static string Why(int staleAfterDays) => $"No activity here for {staleAfterDays} days or more: review it in Access reviews.";
}
