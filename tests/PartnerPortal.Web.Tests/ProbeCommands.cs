using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// A command registered only in the tests, to prove the pipeline every real command runs through:
/// it writes an audit entry, then succeeds or is refused as asked.
/// </summary>
public static class ProbeCommands
{
    public static void Register(IServiceCollection services)
    {
        services.AddScoped<IRequestHandler<Probe, Result<int>>, ProbeHandler>();
        services.AddSingleton<IValidator<Probe>, ProbeValidator>();
        services.AddScoped<IRequestHandler<RacingProbe, Result<int>>, RacingProbeHandler>();
        services.AddScoped<IRequestHandler<UnretriedRacingProbe, Result<int>>, RacingProbeHandler>();
    }

    /// <summary>A command whose first <paramref name="Losses"/> saves lose a race (as a concurrency token would make them), declaring nothing.</summary>
    public sealed record RacingProbe(long AccountHubId, int Losses) : ICommand<Result<int>>;

    /// <summary>The same, opted out of the retry.</summary>
    [NotRetriedOnConflict("A probe of the opt-out.")]
    public sealed record UnretriedRacingProbe(long AccountHubId, int Losses) : ICommand<Result<int>>;

    public sealed class RacingProbeHandler(PortalDb db, TimeProvider clock, RaceCounter counter)
        : IRequestHandler<RacingProbe, Result<int>>, IRequestHandler<UnretriedRacingProbe, Result<int>>
    {
        public Task<Result<int>> Handle(RacingProbe request, CancellationToken cancellationToken) => RunAsync(request.AccountHubId, request.Losses, cancellationToken);

        public Task<Result<int>> Handle(UnretriedRacingProbe request, CancellationToken cancellationToken) => RunAsync(request.AccountHubId, request.Losses, cancellationToken);

        private async Task<Result<int>> RunAsync(long hubId, int losses, CancellationToken ct)
        {
            db.AuditEntries.Add(new AuditEntry(hubId, null, null, "Probe", "race", null, null, clock.GetUtcNow()));
            if (counter.Next() <= losses)
                throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("Another change of the same row was saved first.");
            await db.SaveChangesAsync(ct);
            return counter.Attempts;
        }
    }

    /// <summary>How many times the racing probe ran (one per test: the tests reset it).</summary>
    public sealed class RaceCounter
    {
        private int _attempts;

        public int Attempts
        {
            get => Volatile.Read(ref _attempts);
            set => Volatile.Write(ref _attempts, value);
        }

        public int Next() => Interlocked.Increment(ref _attempts);
    }

    public sealed record Probe(long AccountHubId, string Subject, bool Refuse) : ICommand<Result<int>>;

    public sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator() => RuleFor(p => p.Subject).NotEmpty().WithMessage("Say what the probe is about.");
    }

    public sealed class ProbeHandler(PortalDb db, TimeProvider clock) : IRequestHandler<Probe, Result<int>>
    {
        public async Task<Result<int>> Handle(Probe request, CancellationToken cancellationToken)
        {
            db.AuditEntries.Add(new AuditEntry(request.AccountHubId, null, null, "Probe", request.Subject, null, null, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return request.Refuse ? Failure.Refused("The probe was refused.") : 1;
        }
    }
}
