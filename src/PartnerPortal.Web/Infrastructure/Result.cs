using System.Diagnostics.CodeAnalysis;

namespace PartnerPortal.Web.Infrastructure;

public enum ResultStatus
{
    Ok,

    /// <summary>The input broke a validation rule; <see cref="IHandlerResult.Errors"/> says which field and why.</summary>
    Invalid,

    /// <summary>A rule said no; <see cref="IHandlerResult.Message"/> says why, for the page to show.</summary>
    Refused,

    Forbidden,
    NotFound,
}

/// <summary>A message about one field of the request (its property path, e.g. "EmployeeIds[0]"), or about the whole request when Field is empty.</summary>
public sealed record FieldError(string Field, string Message);

public interface IHandlerResult
{
    ResultStatus Status { get; }
    string? Message { get; }
    IReadOnlyList<FieldError> Errors { get; }
    bool Succeeded => Status == ResultStatus.Ok;
}

/// <summary>Why a handler did not do what was asked: an expected answer, not an exception.</summary>
public readonly record struct Failure(ResultStatus Status, string? Message, IReadOnlyList<FieldError>? Errors = null)
{
    public static Failure Forbidden { get; } = new(ResultStatus.Forbidden, null);
    public static Failure NotFound { get; } = new(ResultStatus.NotFound, null);

    public static Failure Refused(string message) => new(ResultStatus.Refused, message);

    public static Failure Invalid(IReadOnlyList<FieldError> errors) => new(ResultStatus.Invalid, errors.Count > 0 ? errors[0].Message : null, errors);
}

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

/// <summary>Builds the failure of whatever <c>Result&lt;T&gt;</c> a request answers with, for the pipeline's behaviours.</summary>
internal static class ResultFactory
{
    public static bool TryFail<TResponse>(Failure failure, [NotNullWhen(true)] out TResponse? response)
    {
        var type = typeof(TResponse);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>))
        {
            var convert = type.GetMethod("op_Implicit", [typeof(Failure)])!;
            response = (TResponse)convert.Invoke(null, [failure])!;
            return true;
        }
        response = default;
        return false;
    }
}
