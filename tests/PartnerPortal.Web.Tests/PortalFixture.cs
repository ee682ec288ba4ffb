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
        Factory = new PortalFactory(TestDatabase.FromEnvironment("web"), ProbeCommands.Register);
        Factory.StartServer(); // runs Program: migrations and the demo world
        await Factory.Database.SnapshotAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }

    public Task ResetAsync() => Factory.Database.ResetAsync();

    public BrowserLikeClient CreateClient() => new(Factory);

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
