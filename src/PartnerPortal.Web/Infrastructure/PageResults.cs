using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PartnerPortal.Web.Infrastructure;

public static class PageResults
{
    /// <summary>
    /// Forbidden and not found become status pages; invalid input and refusals become messages on the
    /// form (field errors under <paramref name="fieldPrefix"/>, e.g. "Data"; a refusal for the whole
    /// form); null means go on.
    /// </summary>
    public static IActionResult? FailureResult(this PageModel page, IHandlerResult result, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case ResultStatus.Ok:
                return null;
            case ResultStatus.Forbidden:
                return page.StatusCode(ForbiddenStatus(result));
            case ResultStatus.NotFound:
                return page.NotFound();
            case ResultStatus.Invalid:
                page.ModelState.AddFieldErrors(result.Errors, fieldPrefix);
                return null;
            default:
                page.ModelState.AddModelError(string.Empty, result.Message ?? "That was refused.");
                return null;
        }
    }

    /// <summary>403, or 423 (Locked) when the account is suspended: the status page says which.</summary>
    public static int ForbiddenStatus(IHandlerResult result) =>
        result?.Message == Failure.SuspendedMessage ? StatusCodes.Status423Locked : StatusCodes.Status403Forbidden;

    /// <summary>
    /// Why a page cannot show what it reads: 403, 404, or 400 for input its query refused (the
    /// status page lists the messages). Pages render only from a successful read.
    /// </summary>
    public static IActionResult Refusal(this PageModel page, IHandlerResult result)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case ResultStatus.Forbidden:
                return page.StatusCode(ForbiddenStatus(result));
            case ResultStatus.NotFound:
                return page.NotFound();
            default:
                page.HttpContext.Items[RequestGuard.UnreadableFieldsKey] = result.Errors.Count > 0
                    ? result.Errors.Select(e => e.Message).ToList()
                    : new List<string> { result.Message ?? "the request" };
                return page.StatusCode(StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// A list page's GET: sends its query; input the query refuses (a bad page size, a search too long) is shown as
    /// messages beside the list as it is by default (<paramref name="byDefault"/>), rather than as an error page.
    /// </summary>
    public static async Task<IActionResult> ShowListAsync<T>(this PageModel page, IMediator mediator, IRequest<Result<T>> query,
        IRequest<Result<T>> byDefault, Action<T> show)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(show);
        var result = await mediator.Send(query, page.HttpContext.RequestAborted);
        if (result.Status == ResultStatus.Invalid)
        {
            page.ModelState.AddFieldErrors(result.Errors);
            result = await mediator.Send(byDefault, page.HttpContext.RequestAborted);
        }
        if (!result.Succeeded) return page.Refusal(result);
        show(result.Value);
        return page.Page();
    }

    /// <summary>A page's GET (or a form shown again): sends its query; shows the page from a successful read, else the refusal.</summary>
    public static async Task<IActionResult> ShowPageAsync<T>(this PageModel page, IMediator mediator, IRequest<Result<T>> query, Action<T> show)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(show);
        var result = await mediator.Send(query, page.HttpContext.RequestAborted);
        if (!result.Succeeded) return page.Refusal(result);
        show(result.Value);
        return page.Page();
    }

    /// <summary>What a form does once its command succeeded: leaves its message for the next page (<see cref="Flash"/>) and goes there.</summary>
    public static Func<string, IActionResult> FlashThen(this PageModel page, Func<IActionResult> next) => message =>
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(next);
        page.Flash(message);
        return next();
    };

    /// <summary>
    /// A form post: sends the command; on success goes where <paramref name="done"/> says; on a
    /// refusal or invalid input puts the messages on the form and shows the page again.
    /// </summary>
    public static async Task<IActionResult> SubmitAsync<T>(this PageModel page, IMediator mediator, IRequest<Result<T>> command,
        Func<T, IActionResult> done, Func<Task<IActionResult>> showAgain, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(showAgain);
        var result = await mediator.Send(command, page.HttpContext.RequestAborted);
        if (page.FailureResult(result, fieldPrefix) is { } failure) return failure;
        return result.Succeeded ? done(result.Value) : await showAgain();
    }

    /// <summary>Puts field errors on the form's fields ("Data.Name" for a property Name of a bound Data).</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var key = string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(error.Field) ? error.Field : $"{prefix}.{error.Field}";
            modelState.AddModelError(key, error.Message);
        }
    }
}
