namespace PartnerPortal.Domain;

public static class EmailAddress
{
    public static string Normalize(string email)
    {
        var trimmed = Guard.NotBlank(email, nameof(email), 254).ToLowerInvariant();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1)
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        return trimmed;
    }

    public static string DomainOf(string email) => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
