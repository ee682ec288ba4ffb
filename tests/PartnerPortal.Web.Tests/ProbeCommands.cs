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
        services.AddScoped<IValidator<Probe>, ProbeValidator>();
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
