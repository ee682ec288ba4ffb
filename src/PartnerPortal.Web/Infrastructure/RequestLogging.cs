using System.Diagnostics;
using Serilog.Context;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Puts the request id and the signed-in user id on every log line of a request and writes one
/// line per request. (Serilog.AspNetCore, which does this, cannot be restored here.)
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(currentUser);
        currentUser.Become(context.User);
        var userId = currentUser.IsSignedIn ? currentUser.UserId.ToString() : "anonymous";
        using (LogContext.PushProperty("RequestId", context.TraceIdentifier))
        using (LogContext.PushProperty("UserId", userId))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                logger.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed);
            }
        }
    }
}
