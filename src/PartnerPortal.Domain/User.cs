namespace PartnerPortal.Domain;

/// <summary>One login identity. Credentials live with the sign-in store; this is who the person is.</summary>
public class User
{
    private User() { }

    public User(Guid id, string email, string name)
    {
        if (id == Guid.Empty) throw new ArgumentException("A user needs an id.", nameof(id));
        Id = id;
        Email = EmailAddress.Normalize(email);
        Name = Guard.NotBlank(name, nameof(name), 200);
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";

    public string EmailDomain => EmailAddress.DomainOf(Email);
}

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

internal static class Guard
{
    public static string NotBlank(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} is required.", name);
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength) throw new ArgumentException($"{name} is longer than {maxLength} characters.", name);
        return trimmed;
    }
}
