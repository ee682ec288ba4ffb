using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Pages;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O4: the operator's command line, on the app's own binary (<c>dotnet PartnerPortal.Web.dll &lt;command&gt;</c>, docs/operations.md).
/// Each command prints its result (one line, or one per account listed) and exits 0 when done, 1 when it could not be
/// done (the line says why), 2 when the command line itself is wrong (the usage is printed).
/// </summary>
public static class OperatorCommands
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "migrate", "users", "accounts", "backup", "restore", Operators.Command };

    public static bool IsCommand(string[] args) => args is [var verb, ..] && Verbs.Contains(verb);

    /// <summary>Whether the command needs the database migrated first (restore needs an empty one; migrate migrates itself).</summary>
    public static bool Migrates(string[] args) => args is not (["restore", ..] or ["migrate", ..] or ["backup", ..]);

    public const string Usage = """
        Usage: PartnerPortal.Web <command>
          migrate                                  apply the database migrations, then exit (for deployments with Database:MigrateAtStart=false)
          users reset-password <email>             print a one-time link (valid 1 hour) to choose a new password
          users unlock <email>                     lift a sign-in paused by wrong passwords
          users reset-two-factor <email>           turn off their two-factor sign-in (they set it up again; their sessions end)
          accounts list [search]                   every account: Hub ID, kind, status, users, name
          accounts grant-super-admin <Hub ID> <email>   break-glass: make an existing user Super Admin there (audited as the operator's)
          backup <file>                            a consistent copy of the database while the app serves (SQLite, PostgreSQL)
          restore <file>                           put a backup into the empty database of ConnectionStrings:Portal
          operators ...                            Partner Access reviewers and channel consultants (operators without arguments for its usage)
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<PortalDb>();
        try
        {
            switch (args)
            {
                case ["migrate"]:
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
                    await db.Database.MigrateAsync(ct);
                    return Done(output, pending == 0 ? "The database is up to date: no migration to apply." : $"Applied {pending} migration{(pending == 1 ? "" : "s")}: the database is up to date.");
                }
                case ["users", "reset-password", var email]:
                {
                    var actor = await OperatorIdAsync(db, ct);
                    var link = await provider.GetRequiredService<PasswordResets>().IssueAsync(email, actor ?? Guid.Empty, ct);
                    return link is null ? Fail(output, NoUser(email)) : Done(output, $"Give {EmailAddress.Normalize(email)} this link to choose a new password (it works once, within an hour): {link}");
                }
                case ["users", "unlock", var email]:
                {
                    var login = await LoginAsync(provider, email);
                    if (login is null) return Fail(output, NoUser(email));
                    var was = login.AccessFailedCount;
                    login.LockoutEnd = null;
                    login.AccessFailedCount = 0;
                    await db.SaveChangesAsync(ct);
                    return Done(output, $"{login.Email} can sign in again ({was} failed attempt{(was == 1 ? "" : "s")} forgotten).");
                }
                case ["users", "reset-two-factor", var email]:
                {
                    var logins = provider.GetRequiredService<UserManager<PortalUser>>();
                    var login = await LoginAsync(provider, email);
                    if (login is null) return Fail(output, NoUser(email));
                    await logins.SetTwoFactorEnabledAsync(login, false);
                    await logins.ResetAuthenticatorKeyAsync(login);
                    await logins.GenerateNewTwoFactorRecoveryCodesAsync(login, 0);
                    await logins.UpdateSecurityStampAsync(login);
                    return Done(output, $"{login.Email} signs in with their password alone now, and sets two-factor up again where an account requires it. Their sessions ended.");
                }
                case ["accounts", "list", .. var search] when search.Length <= 1:
                {
                    var accounts = db.Accounts.AsNoTracking();
                    if (search is [var text]) accounts = long.TryParse(text, out var hubId) ? accounts.Where(a => a.HubId == hubId) : accounts.Where(a => a.Name.Contains(text));
                    var count = 0;
                    await foreach (var a in accounts.OrderBy(a => a.Name).ThenBy(a => a.HubId)
                                       .Select(a => new { a.HubId, a.Name, a.Kind, a.SuspendedAt, Users = db.Memberships.Count(m => m.AccountHubId == a.HubId) })
                                       .AsAsyncEnumerable().WithCancellation(ct))
                    {
                        count++;
                        await output.WriteLineAsync($"{a.HubId}\t{a.Kind}\t{(a.SuspendedAt is null ? "Active" : "Suspended")}\t{a.Users} user{(a.Users == 1 ? "" : "s")}\t{a.Name}");
                    }
                    return Done(output, count == 0 ? "No account." : $"{count} account{(count == 1 ? "" : "s")}.");
                }
                case ["accounts", "grant-super-admin", var hub, var email]:
                    return await GrantAsync(provider, db, hub, email, output, ct);
                case ["backup", var path]:
                    return Done(output, await Backups.BackupAsync(provider.GetRequiredService<DatabaseLocation>(), path, ct));
                case ["restore", var path]:
                    return Done(output, await Backups.RestoreAsync(provider.GetRequiredService<DatabaseLocation>(), path, ct));
                case [Operators.Command, .. var rest]:
                    return await Operators.RunAsync(services, rest, input, output);
                default:
                    await output.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (BackupException e)
        {
            return Fail(output, e.Message);
        }
    }

    private static async Task<int> GrantAsync(IServiceProvider provider, PortalDb db, string hub, string email, TextWriter output, CancellationToken ct)
    {
        if (!long.TryParse(hub, out var hubId)) return Fail(output, $"\"{hub}\" is not a Hub ID.");
        var operatorId = await OperatorIdAsync(db, ct);
        if (operatorId is null) return Fail(output, "Nobody runs this installation yet: create the operator with the setup link the app prints when it starts.");
        var account = await db.Accounts.WithMembers().SingleOrDefaultAsync(a => a.HubId == hubId, ct);
        if (account is null) return Fail(output, $"No account has the Hub ID {hubId}.");
        var user = EmailAddress.IsValid(email) ? await db.DomainUsers.SingleOrDefaultAsync(u => u.Email == EmailAddress.Normalize(email), ct) : null;
        if (user is null) return Fail(output, NoUser(email) + " Break-glass makes an existing sign-in Super Admin: create or invite them first.");
        // Audited as the operator's: the trail's actor is whoever the command acts as.
        provider.GetRequiredService<CurrentUser>().Become(operatorId.Value);
        var outcome = account.GrantSuperAdminByOperator(new Actor(operatorId.Value, PlatformOperator: true), user, provider.GetRequiredService<TimeProvider>().GetUtcNow());
        if (!outcome.Succeeded) return Fail(output, outcome.Refusal!);
        await db.SaveChangesAsync(ct);
        return Done(output, outcome.Changed ? $"{user.Email} is a Super Admin of {account.Name} ({hubId}) now; the account's audit trail says the operator did it." : $"{user.Email} was a Super Admin of {account.Name} already.");
    }

    /// <summary>The platform operator (the first made, when several), as whom the command line acts.</summary>
    private static Task<Guid?> OperatorIdAsync(PortalDb db, CancellationToken ct) =>
        db.DomainUsers.Where(u => u.IsPlatformOperator).OrderBy(u => u.Email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

    private static async Task<PortalUser?> LoginAsync(IServiceProvider provider, string email) =>
        EmailAddress.IsValid(email) ? await provider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(EmailAddress.Normalize(email)) : null;

    private static string NoUser(string email) => $"Nobody signs in with {email}.";

    private static int Done(TextWriter output, string line)
    {
        output.WriteLine(line);
        return 0;
    }

    private static int Fail(TextWriter output, string line)
    {
        output.WriteLine(line);
        return 1;
    }
}
