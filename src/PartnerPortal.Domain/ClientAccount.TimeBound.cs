namespace PartnerPortal.Domain;

/// <summary>B3: time-bound access. The one home of when a partner employee's access may end, and of its ending.</summary>
public sealed partial class ClientAccount
{
    /// <summary>Why <paramref name="target"/>'s access cannot end at <paramref name="endsAt"/> (null: it can), for a member or someone joining (null): only after now, never on the last Super Admin (R14).</summary>
    private string? WhyNotEnd(Membership? target, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        if (endsAt is not { } end) return null;
        if (end <= now) return "Choose an end date after today.";
        if (target is { IsSuperAdmin: true } && SuperAdminCount <= 1)
            return $"{target.UserName} is the only Super Admin of {Name}: their access cannot end, because a client account always keeps one.";
        return null;
    }

    /// <summary>
    /// B3: the job's work in this client — every partner employee whose end date has passed leaves (the trail says "Access
    /// expired"; R12 follows from <see cref="Events.PartnerEmployeeLeft"/>). A Super Admin who has meanwhile become the only one
    /// stays (R14): their end date is cleared and the trail says why. Returns who left.
    /// </summary>
    public IReadOnlyList<Membership> ExpireDueAccess(DateTimeOffset now)
    {
        var gone = new List<Membership>();
        foreach (var membership in Memberships.Where(m => m.ExpiresAt is { } end && end <= now && m.PartnerHubId is not null).OrderBy(m => m.ExpiresAt).ToList())
        {
            if (membership.IsSuperAdmin && SuperAdminCount <= 1)
            {
                Change(membership, AuditActions.AccessExpiredStays, null, now, () => membership.EndAccessOn(null));
                continue;
            }
            Leave(membership, AuditActions.AccessExpired);
            gone.Add(membership);
        }
        return gone;
    }
}

/// <summary>B3: an end date as people choose it — a day — and the instant the access ends: the end of that day (UTC).</summary>
public static class AccessEnd
{
    public static DateTimeOffset? EndOf(DateOnly? day) => day is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The last day of access that ends at <paramref name="endsAt"/>.</summary>
    public static DateOnly LastDay(DateTimeOffset endsAt) => DateOnly.FromDateTime(endsAt.UtcDateTime.AddTicks(-1));

    public static bool IsReasonable(DateOnly? day) => day is null || day.Value.Year <= 2100;

    public const string TooFar = "Choose an end date before 2100.";

    /// <summary>The reminders before the end: 30, 7 and 1 days.</summary>
    public static readonly IReadOnlyList<int> ReminderDays = [30, 7, 1];

    /// <summary>The reminder due at <paramref name="now"/> for access ending at <paramref name="endsAt"/>: the nearest stage reached (null: none yet).</summary>
    public static int? ReminderDue(DateTimeOffset endsAt, DateTimeOffset now)
    {
        var left = endsAt - now;
        if (left <= TimeSpan.Zero) return null;
        return ReminderDays.Where(d => left <= TimeSpan.FromDays(d)).Select(d => (int?)d).LastOrDefault();
    }
}
