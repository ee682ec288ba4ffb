using System.Diagnostics.CodeAnalysis;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>A handler's answer: a value, or a <see cref="Failure"/>. Both convert implicitly.</summary>
public sealed class Result<T> : IHandlerResult
{
    private Result(ResultStatus status, T? value, string? message, IReadOnlyList<FieldError>? errors)
    {
        Status = status;
        Value = value;
        Message = message;
        Errors = errors ?? [];
    }

    public ResultStatus Status { get; }
    public T? Value { get; }
    public string? Message { get; }
    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Status == ResultStatus.Ok;

    /// <summary>Passes a failure on to a handler of another result type.</summary>
    public Failure AsFailure() => Succeeded ? throw new InvalidOperationException("A success is not a failure.") : new Failure(Status, Message, Errors);

    public static implicit operator Result<T>(T value) => new(ResultStatus.Ok, value, null, null);

    public static implicit operator Result<T>(Failure failure) => new(failure.Status, default, failure.Message, failure.Errors);
}
