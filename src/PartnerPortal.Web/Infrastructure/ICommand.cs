using MediatR;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>A request that changes state. Commands run in one transaction (<see cref="TransactionBehavior{TRequest,TResponse}"/>).</summary>
public interface ICommand;

public interface ICommand<TResponse> : IRequest<TResponse>, ICommand;
