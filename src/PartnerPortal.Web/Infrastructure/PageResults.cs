using FluentValidation;
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
