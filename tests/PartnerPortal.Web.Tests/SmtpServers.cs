using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd (python3-aiosmtpd, which scripts/test.sh
/// installs) on a free loopback port, keeping every message it accepts in a Maildir.
/// </summary>
public sealed class Aiosmtpd : IAsyncDisposable
{
    private readonly Process _process;

    private Aiosmtpd(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }
    public string Maildir { get; }

    /// <summary>Every message received so far, as raw text.</summary>
    public IReadOnlyList<string> Received =>
        Directory.Exists(Path.Combine(Maildir, "new")) ? Directory.GetFiles(Path.Combine(Maildir, "new")).Select(File.ReadAllText).ToList() : [];

    public static async Task<Aiosmtpd> StartAsync()
    {
        const string python = "/usr/bin/python3";
        var port = SmtpPorts.Free();
        // aiosmtpd's Mailbox handler makes the Maildir (tmp, new, cur) only where nothing exists yet.
        var maildir = Path.Combine(Directory.CreateTempSubdirectory("partnerportal-smtp").FullName, "maildir");
        var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd stopped ({await process.StandardError.ReadToEndAsync()}). Install it: apt-get install -y python3-aiosmtpd (scripts/test.sh does).");
            if (SmtpPorts.Accepts(port)) return new Aiosmtpd(process, port, maildir);
            await Task.Delay(100);
        }
        process.Kill();
        throw new InvalidOperationException("aiosmtpd did not start listening within 10 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true); } catch (IOException) { }
    }
}

/// <summary>An SMTP server that greets, then refuses every recipient (554), as a relay that will not take the message.</summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public RefusingSmtpServer()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 refusing.test ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    await writer.WriteLineAsync(verb switch
                    {
                        "EHLO" or "HELO" => "250 refusing.test",
                        "MAIL" => "250 2.1.0 OK",
                        "RCPT" => "554 5.7.1 Relaying refused",
                        "RSET" or "NOOP" => "250 2.0.0 OK",
                        "QUIT" => "221 2.0.0 Bye",
                        _ => "502 5.5.2 Not implemented",
                    });
                    if (verb == "QUIT") break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}

internal static class SmtpPorts
{
    /// <summary>A loopback port nobody listens on (the tests' "server is down").</summary>
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
