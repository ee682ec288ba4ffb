namespace PartnerPortal.Web.Infrastructure;

/// <summary>A request that changes state. Commands run in one transaction (<see cref="TransactionBehavior{TRequest,TResponse}"/>).</summary>
public interface ICommand;

public interface ICommand<TResponse> : IRequest<TResponse>, ICommand;

/// <summary>
/// A change that is deliberately not an <see cref="ICommand"/>: it must keep what it wrote when it fails (a lockout attempt taken, a
/// rate-limit slot used) or it commits in a single save of its own. The reason is required; the convention test holds every request
/// that is neither a query nor a command to carry one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OwnTransactionAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
