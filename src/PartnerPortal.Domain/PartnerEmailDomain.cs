using System.Text.RegularExpressions;

namespace PartnerPortal.Domain;

/// <summary>A mail domain the partner owns; employees on it get the checkmark (R7). One partner per domain.</summary>
public partial class PartnerEmailDomain
{
    /// <summary>Public mail providers: anyone can have an address there, so they prove nothing.</summary>
    public static readonly IReadOnlySet<string> SharedMailDomains = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
        "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru",
        "qq.com", "163.com", "fastmail.com", "hey.com", "tutanota.com",
    };

    private PartnerEmailDomain() { }

    private PartnerEmailDomain(long partnerHubId, string domain)
    {
        PartnerHubId = partnerHubId;
        Domain = domain;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public string Domain { get; private set; } = "";

    /// <summary>R7: whether an email is on one of the given partner employee email domains (the checkmark).</summary>
    public static bool Covers(IEnumerable<string> domains, string email) =>
        domains.Contains(EmailAddress.DomainOf(email), StringComparer.OrdinalIgnoreCase);

    /// <summary>A domain as it is kept and compared: trimmed, without a leading @, in lower case.</summary>
    public static string Normalize(string? domain) => (domain ?? "").Trim().TrimStart('@').ToLowerInvariant();

    public static (Outcome Outcome, PartnerEmailDomain? Domain) Create(long partnerHubId, string? domain)
    {
        var normalized = Normalize(domain);
        if (!DomainPattern().IsMatch(normalized))
            return (Outcome.Refused($"'{domain}' is not a domain name such as agency.com."), null);
        if (SharedMailDomains.Contains(normalized))
            return (Outcome.Refused($"{normalized} is a shared mail domain: anyone can have an address there, so it cannot be a partner employee email domain."), null);
        return (Outcome.Done, new PartnerEmailDomain(partnerHubId, normalized));
    }

    [GeneratedRegex(@"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
