using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>
/// R1, R4: a partner employee's personal, reusable link. It is found by the SHA-256 hash of its
/// token only. A sealed (encrypted) copy of the token is kept too, so that its owner can copy the
/// same link again later (R1); see <see cref="SealedToken"/>.
/// </summary>
public class AccessLink : AggregateRoot
{
    private AccessLink() { }

    private AccessLink(long partnerHubId, Guid employeeUserId, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        EmployeeUserId = employeeUserId;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid EmployeeUserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResetAt { get; private set; }

    /// <summary>
    /// The token encrypted with the app's data-protection keys, so that its owner can copy their
    /// reusable link again (R1). The keys are kept in their own table: an exported or leaked links table
    /// yields no usable link, a full backup does (docs/security.md). Without the keys it cannot be
    /// opened, and <i>Reset access link</i> makes a new one.
    /// </summary>
    public string SealedToken { get; private set; } = "";

    public void KeepSealed(string sealedToken) => SealedToken = sealedToken;

    /// <summary>Creates the link; the returned token is handed out and never stored in the clear.</summary>
    public static (AccessLink Link, string Token) Issue(long partnerHubId, Guid employeeUserId, DateTimeOffset now)
    {
        var link = new AccessLink(partnerHubId, employeeUserId, now);
        link.Raise(new AccessLinkIssued(partnerHubId, employeeUserId, Replaced: false));
        return (link, link.NewToken());
    }

    /// <summary>R4: a new token; the old one stops matching at once.</summary>
    public string Reset(DateTimeOffset now)
    {
        ResetAt = now;
        Raise(new AccessLinkIssued(PartnerHubId, EmployeeUserId, Replaced: true));
        return NewToken();
    }

    public bool Matches(string? token) => SecretToken.Matches(token, TokenHash);

    public static string HashOf(string token) => SecretToken.HashOf(token);

    private string NewToken()
    {
        (var token, TokenHash) = SecretToken.New();
        return token;
    }
}
