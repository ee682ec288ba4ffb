namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Runs every validator of the request before its handler. A request answered with a
/// <see cref="Result{T}"/> gets its failures back as an <see cref="ResultStatus.Invalid"/> result
/// for the page to show beside the fields; any other request with invalid input is a bug and throws.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count == 0) return await next();
        var errors = failures.Select(f => new FieldError(f.PropertyName, f.ErrorMessage)).ToList();
        return ResultFactory.TryFail<TResponse>(Failure.Invalid(errors), out var invalid) ? invalid : throw new ValidationException(failures);
    }
}
