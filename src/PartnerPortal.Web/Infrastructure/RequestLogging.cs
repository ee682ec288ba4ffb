using System.Diagnostics;
using Serilog.Context;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// One line per request, written when the response is complete, with the status the client really
/// got (500 when an exception escaped) and the <em>route template</em> rather than the raw path:
/// some paths carry secrets (an access link is <c>/access/{token}</c>), and the log must never hold
/// one. The first middleware of the app, so it sees the final status after error pages.
/// (Serilog.AspNetCore, which does this, could not be restored when this was written.)
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
        {
            try
            {
                await next(context);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var route = RouteLogContext.RouteOf(context);
                using (LogContext.PushProperty("UserId", RouteLogContext.UserOf(context)))
                {
                    logger.LogInformation("HTTP {Method} {Route} responded {StatusCode} in {Elapsed:0.0} ms",
                        context.Request.Method, route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
    }
}
