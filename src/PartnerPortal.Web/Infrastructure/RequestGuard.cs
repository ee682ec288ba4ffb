using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Two things every page must do and no page should have to remember, as one global page filter:
/// <list type="bullet">
/// <item>A request for a handler the page does not have (a POST to a read-only page, an unknown
/// <c>?handler=</c>) runs the page's GET handler instead, so that whoever the GET refuses gets the
/// same 403 or 404; anyone else gets 405 (no handler for that method) or 404 (no handler of that
/// name), never the page rendered without its model.</item>
/// <item>A value that cannot be read into its field (an id that is not an id, a number out of
/// range, text holding a NUL) stops the request before any handler runs: 400, and the status page names the fields.
/// Nothing is changed, and nothing falls back to a default.</item>
/// </list>
/// </summary>
public sealed class RequestGuard : IPageFilter
{
    private const string MissingHandlerKey = "PartnerPortal.MissingHandler";
    public const string UnreadableFieldsKey = "PartnerPortal.UnreadableFields";

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsStatusPage(context.HttpContext)) return;
        var requested = context.HttpContext.Request.Query["handler"].ToString();
        var named = requested.Length > 0;
        // Razor Pages falls back to the unnamed handler when the named one does not exist: that is not a match either.
        if (context.HandlerMethod is not null && (!named || string.Equals(context.HandlerMethod.Name, requested, StringComparison.OrdinalIgnoreCase))) return;
        context.HttpContext.Items[MissingHandlerKey] = named ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
        context.HandlerMethod = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => h.HttpMethod == "Get" && string.IsNullOrEmpty(h.Name));
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsStatusPage(context.HttpContext)) return;
        if (context.HandlerMethod is null && context.HttpContext.Items[MissingHandlerKey] is int missing)
        {
            context.Result = new StatusCodeResult(missing);
            return;
        }
        var withNul = ValuesWithNul(context.HttpContext.Request).ToList();
        if (context.ModelState.IsValid && withNul.Count == 0) return;
        var fields = context.ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).Concat(withNul)
            .Select(k => k.Length > 60 ? k[..60] : k).Distinct().Take(10).ToList();
        context.HttpContext.Items[UnreadableFieldsKey] = fields;
        context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsStatusPage(context.HttpContext) || context.HttpContext.Items[MissingHandlerKey] is not int missing || context.Exception is not null) return;
        // The GET logic ran in place of the missing handler: keep its refusals and redirects, never its page.
        if (context.Result is null or PageResult)
        {
            if (missing == StatusCodes.Status405MethodNotAllowed)
                context.HttpContext.Response.Headers.Allow = string.Join(", ", context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct());
            context.Result = new StatusCodeResult(missing);
        }
    }

    /// <summary>
    /// Names of query or form values holding a NUL character: no field of this product means one,
    /// and PostgreSQL refuses it in text, so it is unreadable input, answered before any query.
    /// </summary>
    private static IEnumerable<string> ValuesWithNul(HttpRequest request)
    {
        var values = request.Query.AsEnumerable();
        if (request.HasFormContentType) values = values.Concat(request.Form); // already read by model binding
        return values.Where(v => v.Key.Contains('\0', StringComparison.Ordinal) || v.Value.Any(x => x?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(v => v.Key.Replace("\0", "", StringComparison.Ordinal));
    }

    /// <summary>The status page re-executed for an earlier answer: it serves any method and names no handler of its own.</summary>
    private static bool IsStatusPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
}
