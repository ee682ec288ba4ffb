namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// O2/O3: a form that must not tell whether an email is known (sign-up, forgot password) answers no sooner than a fixed time
/// after it was posted, whichever way its work went, so that its timing says no more than its words.
/// </summary>
public static class EvenTiming
{
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(400);

    public static async Task<T> AtLeastAsync<T>(TimeProvider clock, Func<Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(work);
        var started = clock.GetTimestamp();
        var result = await work();
        var left = Floor - clock.GetElapsedTime(started);
        if (left > TimeSpan.Zero) await Task.Delay(left, ct);
        return result;
    }
}
