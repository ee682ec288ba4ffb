using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Api;

namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>
/// B8: <c>Authorization: Bearer ppat_…</c> on the API's addresses (and only there: a page never takes a token, the API never
/// takes the cookie, so no other site can make a signed-in browser call it). The token is found by the SHA-256 hash of its
/// secret; a revoked or expired one, or one whose user must first set up two-factor sign-in (B7), is refused. What it may do
/// is decided per request by the one gate (<see cref="ApiTokenGate"/> and <see cref="AccountAccess"/>), with the user's rights
/// of the moment.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortalDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The one scheme the API's addresses authenticate with, and the cookie everywhere else.</summary>
    public const string Selector = "Portal";

    private const string RefusalKey = "ApiToken.Refusal";

    private sealed record Found(Guid Id, Guid UserId, long AccountHubId, ApiScopes Scopes, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
        DateTimeOffset? LastUsedAt, bool MustEnrol);

    // Compiled once: it runs on every API request (see SessionValidation for why).
    private static readonly Func<PortalDb, string, CancellationToken, Task<Found?>> TokenQuery = EF.CompileAsyncQuery(
        (PortalDb db, string hash, CancellationToken ct) => db.ApiTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Select(t => new Found(t.Id, t.UserId, t.AccountHubId, t.Scopes, t.ExpiresAt, t.RevokedAt, t.LastUsedAt,
                db.Users.Any(u => u.Id == t.UserId && !u.TwoFactorEnabled)
                && db.Memberships.Where(TwoFactorRules.RequiringMembership).Any(m => m.UserId == t.UserId)))
            .SingleOrDefault());

    /// <summary>Whether a request is for the API (its addresses take a token, never the cookie).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Picks the scheme of a request: the token on the API's addresses, the sign-in cookie elsewhere.</summary>
    public static string SchemeFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsApi(context.Request.Path) ? SchemeName : IdentityConstants.ApplicationScheme;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return Refuse("Send a personal access token: Authorization: Bearer ppat_…");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse("Send the token as Authorization: Bearer ppat_…");
        var secret = header["Bearer ".Length..].Trim();
        if (!ApiToken.LooksLikeOne(secret)) return Refuse("That is not a personal access token.");
        var now = clock.GetUtcNow();
        var found = await TokenQuery(db, ApiToken.HashOf(secret), Context.RequestAborted);
        if (found is null) return Refuse("That token is not known. It may have been deleted with its user or account.");
        if (found.RevokedAt is not null) return Refuse("That token was revoked.");
        if (now >= found.ExpiresAt) return Refuse("That token has expired. Make a new one on your Personal access tokens page.");
        if (found.MustEnrol) return Refuse("An account of yours requires two-factor sign-in: set it up in the browser before the API is open to you.");
        if (ApiToken.UseIsNews(found.LastUsedAt, now))
        {
            // At most once a minute a token; a conditional update, so that 50 requests at once write it once.
            var before = now - ApiToken.UseResolution;
            await db.ApiTokens.Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.UserId.ToString()),
            new Claim(CurrentUser.TokenClaim, found.Id.ToString()),
            new Claim(CurrentUser.TokenAccountClaim, found.AccountHubId.ToString(CultureInfo.InvariantCulture)),
            new Claim(CurrentUser.TokenScopesClaim, ((int)found.Scopes).ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiResults.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            Context.Items[RefusalKey] as string ?? "Send a personal access token: Authorization: Bearer ppat_…");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiResults.WriteProblemAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This token may not do that.");

    private AuthenticateResult Refuse(string why)
    {
        Context.Items[RefusalKey] = why;
        return AuthenticateResult.Fail(why);
    }
}
