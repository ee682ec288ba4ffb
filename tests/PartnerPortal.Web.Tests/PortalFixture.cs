using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// The app and seeded database a test class works on (Contoso's SliceFixture): handlers run as a chosen user through the
/// real pipeline; every test starts from the seeded snapshot. Test classes run in parallel, so each class leases an app
/// of its own for its run from <see cref="PortalApps"/>: no two classes ever share one at the same time, and an app
/// (with its database) is made only when every existing one is in use, so a run makes as many as run at once.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private PortalApp _app = null!;

    public PortalFactory Factory => _app.Factory;

    public async Task InitializeAsync() => _app = await PortalApps.LeaseAsync();

    public Task DisposeAsync()
    {
        PortalApps.Return(_app);
        return Task.CompletedTask;
    }

    /// <summary>Puts the seeded world back — unless nothing but reads happened since it was last put back (see <see cref="WriteWatch"/>).</summary>
    public async Task ResetAsync()
    {
        var watch = Service<WriteWatch>();
        if (watch.Wrote)
        {
            await Factory.Database.ResetAsync();
            watch.Forget();
        }
        Service<PasswordChecks>().Clear();
        if (Directory.Exists(Factory.MailFolder)) Directory.Delete(Factory.MailFolder, recursive: true);
    }

    public BrowserLikeClient CreateClient() => new(Factory);

    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    public async Task<BrowserLikeClient> SignedInAsync(string email, string password = Personas.Password)
    {
        var client = CreateClient();
        await client.SignInAsync(email, password);
        return client;
    }

    /// <summary>
    /// A client signed in as <paramref name="email"/> (a person of the demo world) with a session made once per app rather
    /// than per test: the cookie stays good after every reset, which puts back the security stamp it was issued with. Call
    /// it before the test changes anything, so that the first session is made on the seeded world.
    /// </summary>
    public async Task<BrowserLikeClient> AsAsync(string email)
    {
        if (!_app.Sessions.TryGetValue(email, out var cookies))
        {
            using var first = await SignedInAsync(email);
            cookies = _app.Sessions.GetOrAdd(email, first.CopyCookies());
        }
        var copy = new System.Net.CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return new BrowserLikeClient(Factory, copy);
    }

    /// <summary>Builds and saves a small world of the test's own.</summary>
    public async Task<T> BuildAsync<T>(Func<WorldBuilder, T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var world = new WorldBuilder();
        var made = build(world);
        await world.SaveAsync(Factory.Services);
        return made;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task<Guid> UserIdAsync(string email) =>
        await InDbAsync(db => db.DomainUsers.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Sends a request through MediatR (validation, transaction) as the given user.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, string? asEmail)
    {
        var userId = asEmail is null ? Guid.Empty : await UserIdAsync(asEmail);
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Become(userId);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>The current token of a partner employee's access link, as its owner would copy it.</summary>
    public async Task<string> AccessLinkTokenAsync(string email, long partnerHubId = Personas.Brightwave)
    {
        var userId = await UserIdAsync(email);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var link = await db.AccessLinks.SingleAsync(l => l.PartnerHubId == partnerHubId && l.EmployeeUserId == userId);
        return scope.ServiceProvider.GetRequiredService<AccessLinkTokens>().Unseal(link) ?? throw new InvalidOperationException("The link cannot be unsealed.");
    }

    /// <summary>Runs a scoped service as the app's jobs would, e.g. the mail dispatcher or the ending job.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Delivers queued emails into the pickup folder and returns every .eml written so far.</summary>
    public async Task<IReadOnlyList<string>> DeliveredMailAsync()
    {
        await WithServiceAsync<Infrastructure.Mail.OutboxDispatcher, int>(d => d.DispatchAsync(CancellationToken.None));
        return Directory.Exists(Factory.MailFolder)
            ? Directory.GetFiles(Factory.MailFolder, "*.eml").Select(File.ReadAllText).ToList()
            : [];
    }

    public async Task<T> InDbAsync<T>(Func<PortalDb, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }
}

/// <summary>Base of the tests that use a leased app: resets the database before each test.</summary>
public abstract class PortalTest(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    protected PortalFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>One running app over its own database, seeded once and snapshotted.</summary>
public sealed class PortalApp
{
    public required PortalFactory Factory { get; init; }

    /// <summary>Sign-in cookies of the demo world's people, by email (see <see cref="PortalFixture.AsAsync"/>).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, System.Net.CookieContainer> Sessions { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// The apps of this run: a class leases a free one or, if none is free, a new one; apps live until the run ends
/// (starting one costs a migration and the demo world), and are disposed with their databases when the process exits.
/// </summary>
public static class PortalApps
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<PortalApp> Free = [];
    private static readonly System.Collections.Concurrent.ConcurrentBag<PortalApp> All = [];

    static PortalApps() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();

    public static async Task<PortalApp> LeaseAsync()
    {
        if (Free.TryTake(out var app)) return app;
        var factory = new PortalFactory(TestDatabase.FromEnvironment("web"), TestServices.Register);
        factory.StartServer(); // runs Program: migrations and the demo world
        await factory.Database.SnapshotAsync();
        factory.Services.GetRequiredService<WriteWatch>().Forget(); // the migrations and the demo world are the snapshot
        app = new PortalApp { Factory = factory };
        All.Add(app);
        return app;
    }

    public static void Return(PortalApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Free.Add(app);
    }

    private static void DisposeAll()
    {
        foreach (var app in All)
        {
            try
            {
                app.Factory.Dispose();
                app.Factory.Database.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is InvalidOperationException or AggregateException or ObjectDisposedException)
            {
                // The process is ending; a database left behind is a throw-away server's or the temp folder's.
            }
        }
    }
}
