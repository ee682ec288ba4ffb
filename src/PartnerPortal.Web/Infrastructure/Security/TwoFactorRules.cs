namespace PartnerPortal.Web.Infrastructure.Security;

/// <summary>B7: where two-factor sign-in is required of a user — the one home of that rule, for the enrolment page and the gate.</summary>
public static class TwoFactorRules
{
    /// <summary>The name authenticator apps show beside the code.</summary>
    public const string Issuer = "Partner Portal";

    /// <summary>The accounts (a few, by name) of which the user is a member that require two-factor sign-in.</summary>
    public static async Task<IReadOnlyList<string>> RequiredByAsync(PortalDb db, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await Requiring(db).Where(a => db.Memberships.Any(m => m.UserId == userId && m.AccountHubId == a.HubId))
            .OrderBy(a => a.Name).Select(a => a.Name).Take(3).ToListAsync(ct);
    }

    /// <summary>A membership in an account that requires two-factor sign-in, from the account's flag beside each membership
    /// (<see cref="Membership.AccountRequiresTwoFactor"/>): a user without two-factor who has one must enrol before anything
    /// else. An expression to compose: the session check reads it with the security stamp, in one statement, as one index probe.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Membership, bool>> RequiringMembership = m => m.AccountRequiresTwoFactor;

    private static IQueryable<Domain.Account> Requiring(PortalDb db) => db.Accounts.Where(a => a.RequiresTwoFactor);

    /// <summary>Set for a request whose signed-in user must enrol first (read with the session, <see cref="SessionValidation"/>).</summary>
    public const string MustEnrolKey = "TwoFactor.MustEnrol";

    public const string EnrolmentPath = "/account/two-factor";

    /// <summary>
    /// B7: a signed-in user whom an account of theirs requires to use two-factor sign-in, and who has not set it up, is sent to
    /// enrolment before anything else; only enrolment, signing out and the status pages stay open to them.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var open = path.StartsWithSegments(EnrolmentPath) || path.StartsWithSegments("/sign-out") || path.StartsWithSegments("/sign-in")
                || path.StartsWithSegments("/error") || path.StartsWithSegments("/health");
            if (!open && context.Items.ContainsKey(MustEnrolKey) && context.User.Identity?.IsAuthenticated == true)
            {
                var back = context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{EnrolmentPath}?ReturnUrl={Uri.EscapeDataString(HttpMethods.IsGet(context.Request.Method) ? back : "/")}");
                return;
            }
            await next(context);
        });
    }
}
