using System.Diagnostics;
using System.Text.Json;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// O5: the app started as a deployment starts it (its own process, the built binary) with one bad setting each: it stops with
/// one line on standard error naming the setting and how to fix it, exit code 1, no stack trace.
/// </summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("partnerportal-start-").FullName;

    public static TheoryData<string, string[]> BadSettings => new()
    {
        { "Database:Provider", ["Database__Provider=Oracle"] },
        { "Database:Provider", ["Database__Provider=7"] },
        { "ConnectionStrings:Portal", ["Database__Provider=Postgres"] },
        { "ConnectionStrings:Portal", ["Database__Provider=Postgres", "ConnectionStrings__Portal=Host=127.0.0.1;Port=1;Username=nobody;Timeout=3"] },
        { "ConnectionStrings:Portal", ["ConnectionStrings__Portal=Data Source=/nonexistent-folder/portal.db"] },
        { "ConnectionStrings:Portal", ["ConnectionStrings__Portal=Data Source=/proc/self/portal.db"] }, // read-only, even for root
        { "ConnectionStrings:Portal", ["ConnectionStrings__Portal=Data Source"] },
        { "Mail:PublicUrl", ["ASPNETCORE_ENVIRONMENT=Production"] },
        { "Mail:PublicUrl", ["ASPNETCORE_ENVIRONMENT=Production", "Mail__PublicUrl=portal.example.com"] },
        { "Mail:PickupFolder", ["Mail__PickupFolder=/proc/self/mail"] },
        { "Mail:Smtp:Port", ["Mail__Smtp__Port=twenty-five"] },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task O5_a_bad_setting_stops_the_app_with_one_line_that_names_it_and_exit_code_1(string setting, string[] environment)
    {
        var (code, output, error) = await StartAsync(environment);

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Partner Portal cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal); // no stack trace anywhere
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task O5_an_App_Data_that_cannot_be_made_a_folder_is_named_with_the_way_out()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "App_Data"), "a file where the folder should be");

        var (code, _, error) = await StartAsync([]);

        Assert.Equal(1, code);
        Assert.Contains("App_Data", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task O5_with_JSON_logs_the_one_line_is_a_JSON_event_too()
    {
        var (code, _, error) = await StartAsync(["Serilog__Format=json", "Database__Provider=Oracle"]);

        Assert.Equal(1, code);
        using var line = JsonDocument.Parse(Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("Fatal", line.RootElement.GetProperty("@l").GetString());
        Assert.Contains("Database:Provider", line.RootElement.GetProperty("@m").GetString(), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> StartAsync(string[] environment)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "PartnerPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var a in new[] { app, "--contentRoot", _root, "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Jobs__Enabled"] = "false";
        foreach (var pair in environment)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..at]] = pair[(at + 1)..];
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The app did not stop within a minute: {await output}");
        }
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
