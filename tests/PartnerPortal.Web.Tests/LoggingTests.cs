using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

public sealed class LoggingTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task Every_request_line_carries_the_route_the_account_the_request_id_and_the_signed_in_user()
    {
        using var client = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);
        var userId = await Fixture.UserIdAsync(Personas.ClientSuperAdmin);

        (await client.GetAsync($"/{Personas.HarborCoffee}/home?probe={Guid.NewGuid():N}")).Dispose();

        var line = await LogFile.LineAsync(Fixture.Factory, "HTTP GET /{hubId:long}/home", userId.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var entry = json.RootElement;
        Assert.Matches(@"^HTTP GET /\{hubId:long\}/home responded 200 in [0-9.]+ ms$", entry.GetProperty("@m").GetString());
        Assert.Equal((userId.ToString(), $"{Personas.HarborCoffee}", "/{hubId:long}/home"),
            (entry.GetProperty("UserId").GetString(), entry.GetProperty("HubId").GetString(), entry.GetProperty("Route").GetString()));
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("RequestId").GetString()));
        Assert.False(entry.TryGetProperty("RequestPath", out _)); // the raw path is never logged
    }

    [Fact]
    public async Task Anonymous_requests_are_logged_as_anonymous()
    {
        using var client = Fixture.CreateClient();
        (await client.GetAsync("/health/live")).Dispose();

        var line = await LogFile.LineAsync(Fixture.Factory, "HTTP GET /health/live", "\"UserId\":\"anonymous\"");
        Assert.Contains("responded 200", line, StringComparison.Ordinal);
    }
}

/// <summary>Levels per category come from configuration: EF Core's command log is raised without a rebuild.</summary>
public sealed class LogLevelTests
{
    [Fact]
    public async Task A_category_raised_in_configuration_logs_what_it_hides_by_default()
    {
        await using var quiet = new PortalFactory(TestDatabase.FromEnvironment("quiet"));
        await using var verbose = new PortalFactory(TestDatabase.FromEnvironment("verbose"), settings: new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });
        try
        {
            foreach (var factory in new[] { quiet, verbose })
            {
                using var client = new BrowserLikeClient(factory);
                (await client.GetAsync("/health/ready")).Dispose();
                (await client.GetAsync("/sign-in")).Dispose();
            }

            var verboseLog = await LogFile.WaitForAsync(verbose, "Executed DbCommand");
            Assert.Contains("Executed DbCommand", verboseLog, StringComparison.Ordinal);
            var quietLog = await LogFile.WaitForAsync(quiet, "HTTP GET /sign-in");
            Assert.DoesNotContain("Executed DbCommand", quietLog, StringComparison.Ordinal);
        }
        finally
        {
            await quiet.Database.DisposeAsync();
            await verbose.Database.DisposeAsync();
        }
    }
}
