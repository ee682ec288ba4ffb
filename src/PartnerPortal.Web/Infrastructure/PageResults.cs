using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnerPortal.Web.Infrastructure;

public static class PageResults
{
    /// <summary>Forbidden and not found become status pages; a refusal becomes a message on the form (null = go on).</summary>
    public static IActionResult? FailureResult(this PageModel page, IHandlerResult result, string formKey = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Status)
        {
            case ResultStatus.Ok:
                return null;
            case ResultStatus.Forbidden:
                return page.StatusCode(StatusCodes.Status403Forbidden);
            case ResultStatus.NotFound:
                return page.NotFound();
            default:
                page.ModelState.AddModelError(formKey, result.Message ?? "That was refused.");
                return null;
        }
    }

    /// <summary>
    /// A form post: sends the command; on success goes where <paramref name="done"/> says; on a
    /// refusal or invalid input puts the messages on the form and shows the page again.
    /// </summary>
    public static async Task<IActionResult> SubmitAsync<T>(this PageModel page, IMediator mediator, IRequest<Result<T>> command,
        Func<T, IActionResult> done, Func<Task<IActionResult>> showAgain, string formKey = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(showAgain);
        try
        {
            var result = await mediator.Send(command, page.HttpContext.RequestAborted);
            if (page.FailureResult(result, formKey) is { } failure) return failure;
            if (page.ModelState.IsValid) return done(result.Value!);
        }
        catch (ValidationException ex)
        {
            page.ModelState.AddValidationErrors(ex, formKey);
        }
        return await showAgain();
    }

    /// <summary>Copies validation failures onto the form's fields ("Data.Name" for a property Name of a bound Data).</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationException exception, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var error in exception.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(error.PropertyName) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
    }
}
