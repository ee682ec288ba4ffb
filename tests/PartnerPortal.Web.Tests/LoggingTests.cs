using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

public sealed class LoggingTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task Every_request_line_carries_the_request_id_and_the_signed_in_user()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.ClientSuperAdmin);
        var userId = await Fixture.UserIdAsync(Personas.ClientSuperAdmin);
        var marker = $"/{Personas.HarborCoffee}/home?probe={Guid.NewGuid():N}";

        (await client.GetAsync(marker)).Dispose();

        var line = await WaitForLineAsync("HTTP GET /{hubId:long}/home", userId.ToString());
        Assert.Matches(@"HTTP GET /\{hubId:long\}/home responded 200 in [0-9.]+ ms \{RequestId=[^,\s]+, UserId=" + userId + "}", line);
    }

    [Fact]
    public async Task Anonymous_requests_are_logged_as_anonymous()
    {
        using var client = Fixture.CreateClient();
        (await client.GetAsync("/health/live")).Dispose();

        var line = await WaitForLineAsync("HTTP GET /health/live", "UserId=anonymous");
        Assert.Contains("responded 200", line, StringComparison.Ordinal);
    }

    private async Task<string> WaitForLineAsync(params string[] parts)
    {
        var folder = Path.GetDirectoryName(Fixture.Factory.LogFile)!;
        var stem = Path.GetFileNameWithoutExtension(Fixture.Factory.LogFile);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var file in Directory.GetFiles(folder, stem + "*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                var text = await reader.ReadToEndAsync();
                var line = text.Split('\n').LastOrDefault(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));
                if (line is not null) return line;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No log line with {string.Join(" and ", parts)}.");
    }
}
