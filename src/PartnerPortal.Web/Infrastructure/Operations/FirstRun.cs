namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O1: while the installation has no platform operator, a one-time setup link is written to the console — only there, never
/// to the log files or a page — and <c>/setup/{token}</c> makes the operator with it. The link is valid until it is used or
/// the app restarts (a restart prints a new one); once an operator exists, there is no link and <c>/setup</c> is not found.
/// Each instance of a cluster prints its own; the first used wins, as the operator is made once (<see cref="Claim"/>).
/// </summary>
public sealed class FirstRun(FirstRun.Console console)
{
    /// <summary>Where the link is written: standard output (the tests give their own writer to read it from).</summary>
    public sealed record Console(TextWriter Writer);

    public const string PathPrefix = "/setup/";

    private readonly Lock _gate = new();
    private string? _hash;

    /// <summary>Prints the link when no operator exists yet. Answers whether it did.</summary>
    public async Task<bool> OfferAsync(PortalDb db, PublicUrls urls, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(urls);
        if (await db.DomainUsers.AnyAsync(u => u.IsPlatformOperator, ct)) return false;
        var (token, hash) = SecretToken.New();
        lock (_gate) _hash = hash;
        var link = urls.Absolute(PathPrefix + token);
        var line = $"First run: no one runs this installation yet. Open {link} to create its operator (the link works once, until the app restarts).";
        await console.Writer.WriteLineAsync(json
            ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["@t"] = DateTimeOffset.UtcNow.ToString("O"), ["@l"] = "Warning", ["@m"] = line })
            : Environment.NewLine + line + Environment.NewLine);
        await console.Writer.FlushAsync(ct);
        return true;
    }

    /// <summary>Whether the token is the one printed (and not yet used), in constant time.</summary>
    public bool IsValid(string? token)
    {
        lock (_gate) return _hash is { } hash && token is { Length: <= 100 } && SecretToken.Matches(token, hash);
    }

    /// <summary>Takes the link for one attempt to make the operator: of two posts at once, one gets it.</summary>
    public bool Claim(string? token)
    {
        lock (_gate)
        {
            if (_hash is not { } hash || token is not { Length: <= 100 } || !SecretToken.Matches(token, hash)) return false;
            _hash = null;
            return true;
        }
    }

    /// <summary>The attempt failed (the form was wrong): the same link works again.</summary>
    public void GiveBack(string token)
    {
        lock (_gate) _hash ??= SecretToken.HashOf(token);
    }
}
