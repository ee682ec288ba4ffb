using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// R27: the platform's operators, managed from the command line on the server (docs/operations.md), never from a page:
/// <code>
/// operators reviewer add &lt;email&gt; [name]     a Partner Access reviewer (a new person's password is read from standard input)
/// operators reviewer remove &lt;email&gt;
/// operators consultant &lt;partner Hub ID&gt; &lt;email|none&gt;   the partner's channel consultant (a reviewer)
/// operators list
/// </code>
/// </summary>
public static class Operators
{
    public const string Command = "operators";

    public const string Usage = """
        Usage: PartnerPortal.Web operators <command>
          reviewer add <email> [name]            make someone a Partner Access reviewer (a new person: their password is read from standard input)
          reviewer remove <email>                no longer a reviewer
          consultant <partner Hub ID> <email>    assign the partner's channel consultant (a reviewer); "none" clears it
          list                                   the reviewers, and the partners each is channel consultant of
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        switch (args)
        {
            case ["reviewer", "add", var email, .. var name]:
                return await AddReviewerAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), email, string.Join(' ', name), input, output);
            case ["reviewer", "remove", var email]:
            {
                var user = await FindAsync(db, email);
                if (user is null) return Fail(output, $"No user has the email {email}.");
                user.MakePartnerAccessReviewer(false);
                foreach (var partner in await db.Accounts.Where(a => a.ChannelConsultantUserId == user.Id).ToListAsync()) partner.AssignChannelConsultant(null);
                await db.SaveChangesAsync();
                await output.WriteLineAsync($"{user.Email} is no longer a Partner Access reviewer (nor a channel consultant).");
                return 0;
            }
            case ["consultant", var hub, var email]:
            {
                if (!long.TryParse(hub, out var hubId)) return Fail(output, $"\"{hub}\" is not a Hub ID.");
                var partner = await db.Accounts.SingleOrDefaultAsync(a => a.HubId == hubId);
                if (partner is null) return Fail(output, $"No account has the Hub ID {hubId}.");
                User? consultant = null;
                if (!string.Equals(email, "none", StringComparison.OrdinalIgnoreCase))
                {
                    consultant = await FindAsync(db, email);
                    if (consultant is null) return Fail(output, $"No user has the email {email}.");
                }
                var outcome = partner.AssignChannelConsultant(consultant);
                if (!outcome.Succeeded) return Fail(output, outcome.Refusal!);
                await db.SaveChangesAsync();
                await output.WriteLineAsync(consultant is null ? $"{partner.Name} has no channel consultant now." : $"{consultant.Email} is {partner.Name}'s channel consultant.");
                return 0;
            }
            case ["list"]:
            {
                var reviewers = await db.DomainUsers.AsNoTracking().Where(u => u.IsPartnerAccessReviewer).OrderBy(u => u.Email)
                    .Select(u => new { u.Email, u.Name, Partners = db.Accounts.Where(a => a.ChannelConsultantUserId == u.Id).Select(a => a.Name + " (" + a.HubId + ")").ToList() })
                    .ToListAsync();
                if (reviewers.Count == 0) await output.WriteLineAsync("No Partner Access reviewer yet.");
                foreach (var r in reviewers)
                    await output.WriteLineAsync($"{r.Email} ({r.Name})" + (r.Partners.Count == 0 ? "" : ": channel consultant of " + string.Join(", ", r.Partners)));
                return 0;
            }
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> AddReviewerAsync(PortalDb db, UserManager<PortalUser> logins, string email, string name, TextReader input, TextWriter output)
    {
        if (!EmailAddress.IsValid(email)) return Fail(output, $"\"{email}\" is not an email address.");
        var user = await FindAsync(db, email);
        if (user is null)
        {
            await output.WriteLineAsync($"{email} is new. Their password (at least 8 characters), then Enter:");
            var password = await input.ReadLineAsync() ?? "";
            user = new User(Guid.NewGuid(), email, string.IsNullOrWhiteSpace(name) ? email : name.Trim());
            user.MakePartnerAccessReviewer(true);
            var login = PortalUser.For(user);
            var checks = new List<string>();
            foreach (var validator in logins.PasswordValidators)
            {
                var result = await validator.ValidateAsync(logins, login, password);
                checks.AddRange(result.Errors.Select(e => e.Description));
            }
            if (checks.Count > 0) return Fail(output, string.Join(" ", checks));
            login.PasswordHash = logins.PasswordHasher.HashPassword(login, password);
            db.DomainUsers.Add(user);
            db.Users.Add(login);
        }
        else
        {
            user.MakePartnerAccessReviewer(true);
        }
        await db.SaveChangesAsync();
        await output.WriteLineAsync($"{user.Email} is a Partner Access reviewer: they sign in and find the queue at /review/partner-access.");
        return 0;
    }

    private static Task<User?> FindAsync(PortalDb db, string email) =>
        EmailAddress.IsValid(email) ? db.DomainUsers.SingleOrDefaultAsync(u => u.Email == EmailAddress.Normalize(email)) : Task.FromResult<User?>(null);

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 1;
    }
}
