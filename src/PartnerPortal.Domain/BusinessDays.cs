namespace PartnerPortal.Domain;

/// <summary>R27: working days — not Saturday, Sunday, nor one of the configured public holidays.</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly date, IReadOnlySet<DateOnly>? holidays = null) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && holidays?.Contains(date) != true;

    /// <summary>The date <paramref name="days"/> business days after <paramref name="from"/> (from itself does not count).</summary>
    public static DateOnly Add(DateOnly from, int days, IReadOnlySet<DateOnly>? holidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date, holidays)) days--;
        }
        return date;
    }
}
