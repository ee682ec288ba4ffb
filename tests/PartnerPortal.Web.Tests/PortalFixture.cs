using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// One app and one seeded database for the whole assembly (Contoso's SliceFixture): handlers run
/// as a chosen user through the real pipeline; every test starts from the seeded snapshot.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(TestDatabase.FromEnvironment("web"), TestServices.Register);
        Factory.StartServer(); // runs Program: migrations and the demo world
        await Factory.Database.SnapshotAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }

    public async Task ResetAsync()
    {
        await Factory.Database.ResetAsync();
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

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>Base of the tests that use the shared app: resets the database before each test.</summary>
[Collection(PortalCollection.Name)]
public abstract class PortalTest(PortalFixture fixture) : IAsyncLifetime
{
    protected PortalFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
