using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>The app's log as written to its file (Serilog:FilePath), read while the app keeps writing.</summary>
public static class LogFile
{
    /// <summary>The whole log once a line containing every part has been written (waits up to 5 seconds).</summary>
    public static async Task<string> WaitForAsync(PortalFactory factory, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var folder = Path.GetDirectoryName(factory.LogFile)!;
        var stem = Path.GetFileNameWithoutExtension(factory.LogFile);
        var text = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            text = string.Concat(await Task.WhenAll(Directory.GetFiles(folder, stem + "*").Select(ReadSharedAsync)));
            if (text.Split('\n').Any(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)))) return text;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No log line with {string.Join(" and ", parts)}.");
    }

    /// <summary>The last line containing every part.</summary>
    public static async Task<string> LineAsync(PortalFactory factory, params string[] parts) =>
        (await WaitForAsync(factory, parts)).Split('\n').Last(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)));

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
