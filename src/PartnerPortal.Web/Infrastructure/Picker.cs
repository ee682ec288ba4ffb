namespace PartnerPortal.Web.Infrastructure;

/// <summary>Pickers (employees, clients, accounts) list this many at most; a search on the server finds the others.</summary>
public static class Picker
{
    public const int Size = 50;

    /// <summary>The search as the database compares it: trimmed, lower case, at most 100 characters; null when empty.</summary>
    public static string? Normalize(string? search)
    {
        var trimmed = search?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return (trimmed.Length > 100 ? trimmed[..100] : trimmed).ToLowerInvariant();
    }
}
