namespace PartnerPortal.Domain;

/// <summary>B8: what a personal access token lets its holder do through the API, on top of what its user may do.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Read what the user may read in the account: clients, employees, users, the ledger, reviews.</summary>
    Read = 1,

    /// <summary>Change partner access to clients: add employees, permission sets, links, removals, end dates.</summary>
    ClientAccess = 2,

    /// <summary>Change the account's own users and invitations.</summary>
    Users = 4,

    /// <summary>Read the audit trail.</summary>
    Audit = 8,
}

/// <summary>
/// B8: a personal access token — for one user, in one account, with scopes and an expiry. Only the SHA-256 hash of its secret is
/// kept (<see cref="SecretToken"/>); the secret is shown once, when it is made. It never reaches more than its user could in the
/// browser: every request through it passes the same gate, with the user's rights of the moment, and then its own limits.
/// </summary>
public class ApiToken
{
    /// <summary>What every token starts with, so that a secret scanner (and a person) can tell one in a paste.</summary>
    public const string Prefix = "ppat_";

    public const int NameLength = 100;

    public const int DefaultDays = 90;

    public const int MostDays = 365;

    /// <summary>A token is marked used at most this often: not a write on every request.</summary>
    public static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private ApiToken() { }

    private ApiToken(Guid userId, long accountHubId, string name, ApiScopes scopes, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        AccountHubId = accountHubId;
        Name = Guard.NotBlank(name, nameof(name), NameLength);
        Scopes = scopes;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The one account it acts in.</summary>
    public long AccountHubId { get; private set; }

    public string Name { get; private set; } = "";
    public ApiScopes Scopes { get; private set; }
    public string TokenHash { get; private set; } = "";

    /// <summary>The last four characters of the secret, for the owner to tell tokens apart (the rest is never shown again).</summary>
    public string Hint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new token that lasts <paramref name="days"/> days (1 to <see cref="MostDays"/>); the secret is returned once.</summary>
    public static (ApiToken Token, string Secret) Issue(Guid userId, long accountHubId, string name, ApiScopes scopes, int days, DateTimeOffset now)
    {
        if (!AreKnown(scopes))
            throw new ArgumentOutOfRangeException(nameof(scopes), scopes, "A token has at least one known scope.");
        if (days is < 1 or > MostDays) throw new ArgumentOutOfRangeException(nameof(days), days, $"A token lasts 1 to {MostDays} days.");
        var token = new ApiToken(userId, accountHubId, name.Trim(), scopes, now, now.AddDays(days));
        var (secret, _) = SecretToken.New();
        secret = Prefix + secret;
        token.TokenHash = SecretToken.HashOf(secret);
        token.Hint = secret[^4..];
        return (token, secret);
    }

    /// <summary>Whether a presented secret looks like a token at all (before any lookup).</summary>
    public static bool LooksLikeOne(string? secret) =>
        secret is { Length: > 40 and < 100 } && secret.StartsWith(Prefix, StringComparison.Ordinal);

    public static string HashOf(string secret) => SecretToken.HashOf(secret);

    /// <summary>Every scope, in the order they are shown.</summary>
    public static readonly IReadOnlyList<ApiScopes> AllScopes = [ApiScopes.Read, ApiScopes.ClientAccess, ApiScopes.Users, ApiScopes.Audit];

    /// <summary>At least one scope, and only known ones.</summary>
    public static bool AreKnown(ApiScopes scopes) =>
        scopes != ApiScopes.None && (scopes & ~(ApiScopes.Read | ApiScopes.ClientAccess | ApiScopes.Users | ApiScopes.Audit)) == 0;

    /// <summary>What its owner reads of a token: Active, Expired or Revoked (revoked first: it says more).</summary>
    public static string StateOf(DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? "Revoked" : now >= expiresAt ? "Expired" : "Active";

    /// <summary>Revokes it at once; revoking again changes nothing.</summary>
    /// <returns>Whether it was usable until now.</returns>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        return true;
    }

    /// <summary>Whether a use at <paramref name="now"/> should be written down (at most once per <see cref="UseResolution"/>).</summary>
    public static bool UseIsNews(DateTimeOffset? lastUsedAt, DateTimeOffset now) => lastUsedAt is null || now - lastUsedAt.Value >= UseResolution;
}
