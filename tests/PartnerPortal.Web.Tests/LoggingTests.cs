using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

public sealed class LoggingTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task Every_request_line_carries_the_route_the_request_id_and_the_signed_in_user()
    {
        using var client = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);
        var userId = await Fixture.UserIdAsync(Personas.ClientSuperAdmin);

        (await client.GetAsync($"/{Personas.HarborCoffee}/home?probe={Guid.NewGuid():N}")).Dispose();

        var line = await LogFile.LineAsync(Fixture.Factory, "HTTP GET /{hubId:long}/home", userId.ToString());
        Assert.Matches(@"HTTP GET /\{hubId:long\}/home responded 200 in [0-9.]+ ms \{RequestId=[^,\s]+, UserId=" + userId + "}", line);
    }

    [Fact]
    public async Task Anonymous_requests_are_logged_as_anonymous()
    {
        using var client = Fixture.CreateClient();
        (await client.GetAsync("/health/live")).Dispose();

        var line = await LogFile.LineAsync(Fixture.Factory, "HTTP GET /health/live", "UserId=anonymous");
        Assert.Contains("responded 200", line, StringComparison.Ordinal);
    }
}
