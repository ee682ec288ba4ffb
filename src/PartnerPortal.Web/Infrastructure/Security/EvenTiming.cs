namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// O2/O3: a request whose answer must not tell whether an email is known (sign-up, forgot password) is answered no sooner
/// than <see cref="EvenTiming.Floor"/> after it arrived, whichever way its work went, so that its timing says no more than
/// its words.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnsweredInEvenTimeAttribute : Attribute;

public static class EvenTiming
{
    /// <summary>The soonest an <see cref="AnsweredInEvenTimeAttribute"/> request is answered.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(400);
}

/// <summary>
/// The outermost behaviour, so that the wait comes after the transaction has ended: waiting inside it held SQLite's write
/// lock for the whole floor, and fifty sign-ups at once queued for twenty seconds and more.
/// </summary>
public sealed class EvenTimingBehavior<TRequest, TResponse>(TimeProvider clock) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool Applies = typeof(TRequest).IsDefined(typeof(AnsweredInEvenTimeAttribute), inherit: false);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!Applies) return await next();
        var started = clock.GetTimestamp();
        var result = await next();
        var left = EvenTiming.Floor - clock.GetElapsedTime(started);
        if (left > TimeSpan.Zero) await Task.Delay(left, cancellationToken);
        return result;
    }
}
