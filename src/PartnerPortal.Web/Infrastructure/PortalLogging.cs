using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Serilog for the whole app, from configuration (<c>Serilog:*</c>), and one line per request from
/// Serilog.AspNetCore's request logging, written when the response is complete with the status the
/// client got and the route template — never the raw path: some paths carry secrets (an access link
/// is <c>/access/{token}</c>).
/// </summary>
public static class PortalLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {{RequestId={RequestId}, UserId={UserId}}}{NewLine}{Exception}";

    public const string CompletionTemplate = "HTTP {RequestMethod:l} {Route:l} responded {StatusCode} in {Elapsed:0.0} ms";

    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var json = string.Equals(configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase);
        // Levels per category come from configuration alone (Serilog:MinimumLevel:Default and :Override:<category>,
        // appsettings.json or environment variables), no rebuild needed: e.g. Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command = Information shows every SQL command.
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration) // Serilog:MinimumLevel, Serilog:WriteTo, … as Serilog.Settings.Configuration reads them
            .Enrich.FromLogContext()
            .Enrich.With<NoRequestPaths>();
        // Text for people by default; Serilog:Format=json writes one compact JSON object per event, for log shippers.
        // The console is written from a background queue: a slow terminal or pipe never holds up a request.
        logger = logger.WriteTo.Async(sink =>
        {
            if (json) sink.Console(new RenderedCompactJsonFormatter());
            else sink.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
        }, bufferSize: 10_000, blockWhenFull: false);
        // An optional copy in a file (Serilog:FilePath), one file per day, in the same format.
        if (configuration["Serilog:FilePath"] is { Length: > 0 } path)
        {
            logger = json
                ? logger.WriteTo.File(new RenderedCompactJsonFormatter(), path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true)
                : logger.WriteTo.File(path, outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true);
        }
        builder.Services.AddSerilog(logger.CreateLogger(), dispose: true);
    }

    /// <summary>The request completion event: after the status pages, so it logs what the client really got.</summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = CompletionTemplate;
            o.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("Route", new ScalarValue(RouteLogContext.RouteOf(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("RequestId", context.TraceIdentifier);
                diagnostics.Set("UserId", RouteLogContext.UserOf(context));
                if (context.GetRouteValue("hubId") is { } hubId) diagnostics.Set("HubId", hubId);
            };
        });
    }

    /// <summary>
    /// ASP.NET Core puts the request path on every event of a request (its logging scope): with a
    /// token in it, that would undo hashing it in the database. The route is logged instead.
    /// </summary>
    private sealed class NoRequestPaths : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            ArgumentNullException.ThrowIfNull(logEvent);
            logEvent.RemovePropertyIfPresent("RequestPath");
            logEvent.RemovePropertyIfPresent("Path");
        }
    }
}
