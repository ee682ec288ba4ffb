using PartnerPortal.Web.Infrastructure.DomainEvents;

namespace PartnerPortal.Web.Infrastructure;

public static class MediationSetup
{
    /// <summary>MediatR 5.1 has no DI package here: register its factory, the handlers and behaviours by hand; FluentValidation's own
    /// extension registers the validators — once each, as singletons: a validator is stateless, and building one (every
    /// <c>RuleFor</c> compiles its expression) cost a third of a page's processor time when it was built per request.</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => type => provider.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblyOf<Program>()
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)))
            .AsImplementedInterfaces()
            .WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IDomainEventHandler<>)))
            .AsSelfWithInterfaces()
            .WithScopedLifetime());
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        services.AddScoped<AccountAccess>();
        services.AddScoped<AccessScope>();
        services.AddScoped<DomainEventDispatcher>();
        services.AddSingleton<PartnerFiguresKeeper>();
        // Order matters, outermost first: answer no sooner than the floor where the answer must not tell (after the
        // transaction); retry a lost race from scratch; check who may act; check the input; then one transaction around the handler, in which an expected version is held first (B8).
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Security.EvenTimingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RetryBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(IfMatchBehavior<,>));
        return services;
    }
}
