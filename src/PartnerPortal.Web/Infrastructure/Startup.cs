using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerPortal.Web.Infrastructure.DemoData;
using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>Which database the app runs on (the backup command needs to know).</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString);

public static class Startup
{
    public const string SeedDemoSwitch = "--seed-demo";

    public static void AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var provider = StartupChecks.Provider(builder.Configuration);
        var connectionString = StartupChecks.ConnectionString(builder.Configuration, builder.Environment, provider);
        builder.Services.AddSingleton(new DatabaseLocation(provider, connectionString));
        // Domain events are dispatched as changes are saved (audit, R12, qualifying activity), then managed credit is kept
        // (R15) from what they saved. Any other interceptor registered as IInterceptor (e.g. the tests' statement counter) is added too.
        builder.Services.AddDbContext<PortalDb>((services, o) => o.UsePortalDatabase(provider, connectionString)
            .AddInterceptors(services.GetServices<IInterceptor>().Prepend(services.GetRequiredService<PartnerFiguresKeeper>())
                .Prepend(services.GetRequiredService<DomainEventDispatcher>())));
    }

    /// <summary>Applies the migrations, then creates the demo world on an empty database when asked.</summary>
    /// <param name="serving">False for a command of the command line: it never makes the demo world.</param>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo, bool serving = true)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        await StartupChecks.ReachAsync(db, scope.ServiceProvider.GetRequiredService<DatabaseLocation>().Provider, CancellationToken.None);
        // O4: a deployment that migrates as a step of its own (the migrate command) sets Database:MigrateAtStart=false.
        if (app.Configuration.GetValue("Database:MigrateAtStart", true)) await db.Database.MigrateAsync();
        else if ((await db.Database.GetPendingMigrationsAsync()).Count() is var pending and > 0)
            throw new StartupProblemException($"The database needs {pending} migration{(pending == 1 ? "" : "s")} and Database:MigrateAtStart is false: run \"PartnerPortal.Web migrate\" first (docs/operations.md), or set Database:MigrateAtStart=true.");
        if (db.Database.IsSqlite())
        {
            app.Logger.LogDebug("SQLite's process-wide settings: {Result} (0 when they took)", SqliteEngine.Result);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // Statistics for SQLite's planner (PostgreSQL keeps its own): without them it counted an employee's clients
            // through the partner's whole index, or started the Clients tab from every client instead of yours.
            await db.Database.ExecuteSqlRawAsync(Jobs.SqliteStatistics.Refresh);
        }
        if (serving && (seedDemo || (app.Environment.IsDevelopment() && app.Configuration.GetValue("DemoData:SeedWhenEmpty", true))))
        {
            var world = new DemoWorld(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<PortalUser>>(),
                scope.ServiceProvider.GetRequiredService<AccessLinkTokens>(), TimeProvider.System);
            if (await world.SeedIfEmptyAsync(CancellationToken.None))
                app.Logger.LogInformation("Created the demo world: two partner agencies and their clients.");
        }
        // R15: managed credit judged from scratch once at start (a database restored or loaded in bulk, a new rule).
        if (serving) await PartnerFiguresKeeper.RebuildAsync(db, CancellationToken.None);
    }

    /// <summary>O1: once listening (so that the link has the real address), prints the setup link when nobody runs the installation yet.</summary>
    public static void OfferFirstRunWhenStarted(this WebApplication app, bool json)
    {
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Operations.FirstRun>().OfferAsync(scope.ServiceProvider.GetRequiredService<PortalDb>(),
                    scope.ServiceProvider.GetRequiredService<PublicUrls>(), json, app.Lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                app.Logger.LogError(e, "Could not tell whether the installation has an operator; restart to get the setup link.");
            }
        }));
    }

    /// <summary>Once listening, says where and who can sign in, so that a first run needs no reading.</summary>
    public static void PrintBannerWhenStarted(this WebApplication app, bool demo, bool json)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var lines = new List<string> { "", "Partner Portal is running:" };
            lines.AddRange(addresses.Select(a => $"  {a}"));
            if (demo)
            {
                lines.Add($"Demo sign-ins (password for all: {DemoWorld.Password}):");
                lines.AddRange(DemoWorld.SignIns.Select(s => $"  {s.Email,-32} {s.Persona}"));
            }
            lines.Add("");
            // With JSON logs the console carries nothing but JSON: the banner is one event like the others.
            if (json) app.Logger.LogInformation("Partner Portal is running: {Addresses}{Demo}", string.Join(", ", addresses),
                demo ? $"; demo sign-ins, password {DemoWorld.Password}: " + string.Join(", ", DemoWorld.SignIns.Select(s => s.Email)) : "");
            else Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
