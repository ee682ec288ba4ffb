namespace PartnerPortal.Domain;

/// <summary>Checks of constructor arguments that are bugs when they fail.</summary>
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
