using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// R27: the platform's Partner Access reviewers and channel consultants from the command line on the server
/// (docs/operations.md); the operator's page <c>/operator/reviewers</c> does the same through <see cref="ReviewerRoster"/>:
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
        var roster = scope.ServiceProvider.GetRequiredService<ReviewerRoster>();
        switch (args)
        {
            case ["reviewer", "add", var email, .. var name]:
                return await AddReviewerAsync(db, roster, scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), email, string.Join(' ', name), input, output);
            case ["reviewer", "remove", var email]:
                return Done(output, await roster.RemoveAsync(email, CancellationToken.None));
            case ["consultant", var hub, var email]:
                if (!long.TryParse(hub, out var hubId)) return Fail(output, $"\"{hub}\" is not a Hub ID.");
                return Done(output, await roster.AssignConsultantAsync(hubId, string.Equals(email, "none", StringComparison.OrdinalIgnoreCase) ? null : email, CancellationToken.None));
            case ["list"]:
            {
                var reviewers = await roster.List().ToListAsync();
                if (reviewers.Count == 0) await output.WriteLineAsync("No Partner Access reviewer yet.");
                foreach (var r in reviewers)
                    await output.WriteLineAsync($"{r.Email} ({r.Name})" + (r.ConsultantOf == 0 ? "" : ": channel consultant of " + string.Join(", ", r.Partners)
                        + (r.ConsultantOf > r.Partners.Count ? $" and {r.ConsultantOf - r.Partners.Count} more" : "")));
                return 0;
            }
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> AddReviewerAsync(PortalDb db, ReviewerRoster roster, UserManager<PortalUser> logins, string email, string name, TextReader input, TextWriter output)
    {
        if (!EmailAddress.IsValid(email)) return Fail(output, $"\"{email}\" is not an email address.");
        var user = await roster.FindAsync(email, CancellationToken.None);
        if (user is null)
        {
            await output.WriteLineAsync($"{email} is new. Their password (at least 8 characters), then Enter:");
            var password = await input.ReadLineAsync() ?? "";
            user = new User(Guid.NewGuid(), email, string.IsNullOrWhiteSpace(name) ? email : name.Trim());
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
        var said = ReviewerRoster.Make(user);
        await db.SaveChangesAsync();
        await output.WriteLineAsync(said);
        return 0;
    }

    private static int Done(TextWriter output, Result<string> result)
    {
        output.WriteLine(result.Succeeded ? result.Value : result.Message);
        return result.Succeeded ? 0 : 1;
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 1;
    }
}
