namespace PartnerPortal.Web.Infrastructure;

public enum ResultStatus
{
    Ok,
    Refused,
    Forbidden,
    NotFound,
}

public interface IHandlerResult
{
    ResultStatus Status { get; }
    string? Message { get; }
    bool Succeeded => Status == ResultStatus.Ok;
}

/// <summary>Why a handler did not do what was asked: an expected answer, not an exception.</summary>
public readonly record struct Failure(ResultStatus Status, string? Message)
{
    public static Failure Forbidden { get; } = new(ResultStatus.Forbidden, null);
    public static Failure NotFound { get; } = new(ResultStatus.NotFound, null);

    public static Failure Refused(string message) => new(ResultStatus.Refused, message);
}

/// <summary>A handler's answer: a value, or a <see cref="Failure"/>. Both convert implicitly.</summary>
public sealed class Result<T> : IHandlerResult
{
    private Result(ResultStatus status, T? value, string? message)
    {
        Status = status;
        Value = value;
        Message = message;
    }

    public ResultStatus Status { get; }
    public T? Value { get; }
    public string? Message { get; }
    public bool Succeeded => Status == ResultStatus.Ok;

    /// <summary>Passes a failure on to a handler of another result type.</summary>
    public Failure AsFailure() => Succeeded ? throw new InvalidOperationException("A success is not a failure.") : new Failure(Status, Message);

    public static implicit operator Result<T>(T value) => new(ResultStatus.Ok, value, null);

    public static implicit operator Result<T>(Failure failure) => new(failure.Status, default, failure.Message);
}
