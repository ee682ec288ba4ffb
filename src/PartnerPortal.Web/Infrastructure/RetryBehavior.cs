namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// A command that must not be run again when it loses a race, and why (for example: it does something outside the database
/// that cannot be taken back). Every other command is retried (<see cref="RetryBehavior{TRequest,TResponse}"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotRetriedOnConflictAttribute(string why) : Attribute
{
    public string Why { get; } = string.IsNullOrWhiteSpace(why) ? throw new ArgumentException("Say why the command is not retried.", nameof(why)) : why;
}

/// <summary>
/// Runs every command again, from a fresh reading, when its save lost a race (<see cref="DatabaseErrors.IsLostRace"/>): the
/// loser then gets the answer it would have got had it come second — the rule's refusal (R14, R21) or, for a repeat, the same
/// success. Retrying is the default, so that no command that changes a token-guarded row can forget it; a command opts out
/// with <see cref="NotRetriedOnConflictAttribute"/> and a reason. The outermost behaviour, so each attempt is authorized,
/// validated and transacted anew. Every command also runs inside the provider's execution strategy (EF Core's retries on a
/// dropped connection on PostgreSQL and SQL Server), which starts it over the same way.
/// </summary>
public sealed class RetryBehavior<TRequest, TResponse>(PortalDb db, ILogger<RetryBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public const int Attempts = 10;

    /// <summary>Whether commands of this type are run again after a lost race: all but those that opt out.</summary>
    public static readonly bool Retried = !typeof(TRequest).IsDefined(typeof(NotRetriedOnConflictAttribute), inherit: false);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not ICommand) return await next();
        var strategy = db.Database.CreateExecutionStrategy();
        var started = false;
        return await strategy.ExecuteAsync(async () =>
        {
            if (started) db.ChangeTracker.Clear(); // the connection failed: start again from a fresh reading
            started = true;
            return Retried ? await RunAsync(next, cancellationToken) : await next();
        });
    }

    private async Task<TResponse> RunAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (Exception ex) when (DatabaseErrors.IsLostRace(ex))
            {
                db.ChangeTracker.Clear();
                if (attempt == Attempts)
                {
                    logger.LogWarning("{Command} lost {Attempts} races in a row and was given up", typeof(TRequest).Name, Attempts);
                    if (ResultFactory.TryFail<TResponse>(Failure.Refused(Busy), out var busy)) return busy;
                    throw;
                }
                await Task.Delay(Random.Shared.Next(5, 20) * attempt, cancellationToken);
            }
        }
    }

    public const string Busy = "Others changed this account at the same moment, so nothing was changed. Look at it again and retry.";
}
