namespace PartnerPortal.Web.Infrastructure;

/// <summary>Why a handler did not do what was asked: an expected answer, not an exception.</summary>
public readonly record struct Failure(ResultStatus Status, string? Message, IReadOnlyList<FieldError>? Errors = null)
{
    public static Failure Forbidden { get; } = new(ResultStatus.Forbidden, null);
    public static Failure NotFound { get; } = new(ResultStatus.NotFound, null);

    /// <summary>O2: the account is suspended by the platform operator: a 423 page that says so.</summary>
    public static Failure Suspended { get; } = new(ResultStatus.Forbidden, SuspendedMessage);

    public const string SuspendedMessage = "This account is suspended by the operator of this installation.";

    public static Failure Refused(string message) => new(ResultStatus.Refused, message);

    public static Failure Invalid(IReadOnlyList<FieldError> errors) => new(ResultStatus.Invalid, errors.Count > 0 ? errors[0].Message : null, errors);
}
