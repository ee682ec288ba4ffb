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

    /// <summary>B8: the request named the version it expected (the API's If-Match) and the account has changed since.</summary>
    PreconditionFailed,
}
