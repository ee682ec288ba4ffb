using System.Collections.Concurrent;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Components;

namespace PartnerPortal.Web.Tests;

/// <summary>What the tests add to the real app: probe commands, a count of password checks, and a fault they can switch on.</summary>
public static class TestServices
{
    public static void Register(IServiceCollection services)
    {
        ProbeCommands.Register(services);
        services.AddSingleton<PasswordChecks>();
        services.AddSingleton<ProbeCommands.RaceCounter>();
        services.AddScoped<IPasswordHasher<PortalUser>, CountingPasswordHasher>();
        services.AddSingleton<Faults>();
        services.AddSingleton<StatementCounter>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(p => p.GetRequiredService<StatementCounter>());
        services.AddSingleton<WriteWatch>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(p => p.GetRequiredService<WriteWatch>());
        services.AddScoped<IRequestHandler<AccountSwitcher.Query, Result<AccountSwitcher.Menu>>, FaultyAccountSwitcher>();
    }
}

/// <summary>Every password hash the app checked a password against, in order.</summary>
public sealed class PasswordChecks
{
    private readonly ConcurrentQueue<string> _hashes = new();

    public void Record(string hash) => _hashes.Enqueue(hash);

    public int Total => _hashes.Count;

    public int Against(string hash) => _hashes.Count(h => h == hash);

    public void Clear() => _hashes.Clear();
}

/// <summary>The app's own hasher (PBKDF2, 210,000 iterations), counting each check.</summary>
public sealed class CountingPasswordHasher(PasswordChecks checks, IOptions<PasswordHasherOptions> options) : IPasswordHasher<PortalUser>
{
    private readonly PasswordHasher<PortalUser> _inner = new(options);

    public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        checks.Record(hashedPassword);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>A bug a test can plant: the next account list (shown on every signed-in page) throws.</summary>
public sealed class Faults
{
    public bool FailNextAccountList { get; set; }
}

public sealed class FaultyAccountSwitcher(Faults faults, PortalDb db, Infrastructure.ICurrentUser me) : IRequestHandler<AccountSwitcher.Query, Result<AccountSwitcher.Menu>>
{
    public Task<Result<AccountSwitcher.Menu>> Handle(AccountSwitcher.Query request, CancellationToken cancellationToken)
    {
        if (faults.FailNextAccountList)
        {
            faults.FailNextAccountList = false;
            throw new InvalidOperationException("A planted fault.");
        }
        return new AccountSwitcher.QueryHandler(db, me).Handle(request, cancellationToken);
    }
}
