namespace PartnerPortal.Web.Infrastructure;

public interface IHandlerResult
{
    ResultStatus Status { get; }
    string? Message { get; }
    IReadOnlyList<FieldError> Errors { get; }
    bool Succeeded => Status == ResultStatus.Ok;
}
