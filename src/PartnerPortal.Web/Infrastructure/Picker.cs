using System.Linq.Expressions;
using PartnerPortal.Domain;

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

#pragma warning disable CA1304, CA1305, CA1311, CA1862 // translated to SQL lower() and a cast to text; the culture rules do not apply
    /// <summary>
    /// A membership whose account's name or Hub ID contains the <see cref="Normalize">normalized</see> search, or whose account
    /// is among those already ticked (a search keeps them on the page).
    /// </summary>
    public static Expression<Func<Membership, bool>> AccountMatches(string search, IReadOnlyList<long> selected) =>
        m => m.AccountName.ToLower().Contains(search) || m.AccountHubId.ToString().Contains(search) || selected.Contains(m.AccountHubId);

    /// <summary>An account whose name or Hub ID contains the <see cref="Normalize">normalized</see> search, or one already ticked.</summary>
    public static Expression<Func<Account, bool>> Matches(string search, IReadOnlyList<long> selected) =>
        a => a.Name.ToLower().Contains(search) || a.HubId.ToString().Contains(search) || selected.Contains(a.HubId);
#pragma warning restore CA1304, CA1305, CA1311, CA1862
}
