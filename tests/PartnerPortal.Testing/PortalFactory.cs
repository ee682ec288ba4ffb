using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Testing;

/// <summary>The real app over a throw-away database, seeded with the demo world.</summary>
public sealed class PortalFactory(TestDatabase database, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureServices(services);
    }
}
