using FluentValidation;
using MediatR;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>A request that changes state. Commands run in one transaction (<see cref="TransactionBehavior{TRequest,TResponse}"/>).</summary>
public interface ICommand;

public interface ICommand<TResponse> : IRequest<TResponse>, ICommand;

public static class MediationSetup
{
    /// <summary>MediatR 5.1 has no DI package here: register its factory, the handlers, validators and behaviours by hand.</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => type => provider.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblyOf<Program>()
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)))
            .AsImplementedInterfaces()
            .WithScopedLifetime());
        foreach (var validator in AssemblyScanner.FindValidatorsInAssembly(typeof(Program).Assembly))
            services.AddScoped(validator.InterfaceType, validator.ValidatorType);
        // Order matters: validate first, then open the transaction.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        return services;
    }
}
