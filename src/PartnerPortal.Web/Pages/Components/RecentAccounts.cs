using System.Globalization;

namespace PartnerPortal.Web.Pages.Components;

/// <summary>
/// The accounts a browser opened lately, kept in a cookie of its own (Hub IDs only, most recent first) so that the
/// account switcher can offer them. The ids are hints: the switcher shows only accounts the user belongs to.
/// </summary>
public static class RecentAccounts
{
    public const int Max = 5;
    public const string Cookie = "recent-accounts";

    public static IReadOnlyList<long> Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Cookies[Cookie];
        if (string.IsNullOrEmpty(value) || value.Length > 200) return [];
        return value.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Take(Max).ToList();
    }

    /// <summary>Puts the account first; the oldest falls off.</summary>
    public static void Remember(HttpContext context, long hubId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return;
        var ids = new[] { hubId }.Concat(Read(context.Request).Where(id => id != hubId)).Take(Max);
        context.Response.Cookies.Append(Cookie, string.Join('.', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(90),
        });
    }
}
