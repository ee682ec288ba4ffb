using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Testing;

/// <summary>
/// The real app over a throw-away database, seeded with the demo world. Passwords are hashed with the production algorithm
/// (PBKDF2, Identity's V3 format) at <see cref="TestIterations"/> rather than production's 210,000 iterations, which cost
/// about 0.8 s a check here and dominated the suites' time; <paramref name="productionPasswordHashing"/> keeps production's
/// settings, for the test that proves them.
/// </summary>
public sealed class PortalFactory(TestDatabase database, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null,
    bool productionPasswordHashing = false)
    : WebApplicationFactory<Program>
{
    /// <summary>PBKDF2 iterations in tests: the same code path, a thousandth of the work.</summary>
    public const int TestIterations = 1_000;

    public TestDatabase Database { get; } = database;

    /// <summary>Where the app's log events go besides the console (Serilog:FilePath, compact JSON), so that tests can read them.</summary>
    public string LogFile { get; } = Path.Combine(Path.GetTempPath(), "partnerportal-tests", $"log-{Guid.NewGuid():N}.txt");

    /// <summary>Where emails land as .eml files (no SMTP server is configured in tests).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "partnerportal-tests", $"mail-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        builder.UseSetting("DemoData:Seed", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        builder.UseSetting("Serilog:FilePath", LogFile);
        // The log shippers' format: every property of every event is in the file, so a test that finds no secret there finds none anywhere.
        builder.UseSetting("Serilog:Format", "json");
        builder.UseSetting("Mail:PickupFolder", MailFolder);
        // Tests run the ending job and the mail dispatcher themselves, at the moment they choose.
        builder.UseSetting("Jobs:Enabled", "false");
        // Many tests sign in from one (unknown) address; the rate-limit tests set their own limits.
        builder.UseSetting("RateLimits:SignInPerAddress", "100000");
        builder.UseSetting("RateLimits:SignInPerAccount", "100000");
        builder.UseSetting("RateLimits:AccessLinkPerAddress", "100000");
        builder.UseSetting("RateLimits:ExportsPerAddress", "100000");
        builder.UseSetting("RateLimits:EmailedLinksPerAddress", "100000");
        builder.UseSetting("RateLimits:ApiPerToken", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (!productionPasswordHashing) builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestIterations));
        if (services is not null) builder.ConfigureServices(services);
    }
}
