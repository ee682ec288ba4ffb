namespace PartnerPortal.Domain;

public static class EmailAddress
{
    /// <summary>Kept trimmed and in lower case; an address is one @ with something on each side, and no spaces or control characters.</summary>
    public static string Normalize(string email)
    {
        var trimmed = Guard.NotBlank(email, nameof(email), 254).ToLowerInvariant();
        if (!IsValid(trimmed)) throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        return trimmed;
    }

    /// <summary>Whether <see cref="Normalize"/> takes it: for validators, which answer with a message instead.</summary>
    public static bool IsValid(string? email)
    {
        var trimmed = (email ?? "").Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length is > 0 and <= 254 && at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }

    public static string DomainOf(string email) => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
