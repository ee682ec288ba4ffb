using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O2, the one home of an account coming into being: a sign-up (or the operator's invitation) is opened and its link emailed
/// (<see cref="OpenAsync"/>); the link's page makes the account with its owner as Super Admin and a new Hub ID
/// (<see cref="CompleteAsync"/>).
/// </summary>
public sealed class AccountFounding(PortalDb db, MailOutbox mail, PublicUrls urls, UserManager<PortalUser> logins, Security.SignInAttempts attempts, AccessLinkTokens links,
    TimeProvider clock)
{
    public static string PathFor(string token) => $"/sign-up/{token}";

    /// <summary>
    /// Opens a sign-up and emails its link, or — when one is open for that email already — sends it again with a new link only
    /// if it was sent a while ago: fifty posts at once make one sign-up and one email. The answer never says which happened.
    /// </summary>
    public async Task OpenAsync(AccountKind kind, string? accountName, string ownerName, string email, Guid? invitedBy, string? invitedByName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var normalized = EmailAddress.Normalize(email);
        var open = await db.AccountSignUps.SingleOrDefaultAsync(s => s.OpenFor == normalized, ct);
        string token;
        if (open is null)
        {
            (open, token) = AccountSignUp.Open(kind, accountName, ownerName, normalized, invitedBy, now);
            db.AccountSignUps.Add(open);
        }
        else if (invitedBy is { } operatorId)
        {
            token = open.Reissue(kind, accountName, ownerName, operatorId, now); // the operator's word replaces an open one
        }
        else if (open.MaySendAgain(now))
        {
            token = open.NewLink(now); // a stranger's only sends the link again, now and then
        }
        else
        {
            return; // sent moments ago: nothing more
        }
        var what = open.Kind == AccountKind.Partner ? "partner agency" : "client";
        var named = open.AccountName is { } name ? $" {name}" : "";
        var intro = invitedByName is { Length: > 0 }
            ? $"{invitedByName}, who runs Partner Portal here, invites you to take the {what} account{named}."
            : $"Someone (we hope you) asked to create the {what} account{named} in Partner Portal with this address.";
        mail.EnqueueToAddress(normalized, $"Finish creating your {what} account in Partner Portal",
            $"Hello {open.OwnerName},\n\n{intro}\n\nOpen this link to confirm your email and finish (it works once, within {AccountSignUp.Lifetime.Days} days):\n" +
            $"{urls.Absolute(PathFor(token))}\n\nYou will be the account's Super Admin. If you did not ask for this, ignore this email: nothing is created.\n\nPartner Portal");
        await db.SaveChangesAsync(ct); // two at once: the open sign-up's unique key keeps one, and the other is retried (and sends nothing)
    }

    /// <summary>
    /// O2: a partner's employee creates a client's account for its owner: the owner is emailed a link to take it (and, at
    /// that step, to approve or decline the employee as Partner Admin). The same form again corrects the open one and sends it
    /// again (not within minutes of the last); another partner's or the operator's open invitation to that address is not
    /// replaced.
    /// </summary>
    /// <returns>Whether the email went (false: sent moments ago), or the refusal.</returns>
    public async Task<Result<bool>> OpenForPartnerClientAsync(long partnerHubId, string partnerName, Recipient employee, string accountName, string ownerName, string email, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var normalized = EmailAddress.Normalize(email);
        var open = await db.AccountSignUps.SingleOrDefaultAsync(s => s.OpenFor == normalized, ct);
        string token;
        if (open is null)
        {
            (open, token) = AccountSignUp.ForPartnerClient(partnerHubId, employee.UserId, accountName, ownerName, normalized, now);
            db.AccountSignUps.Add(open);
        }
        else if (!open.MayBeReplacedBy(partnerHubId))
        {
            return Failure.Refused(WaitingForAnother);
        }
        else if (open.PartnerHubId == partnerHubId && !open.MaySendAgain(now))
        {
            return false;
        }
        else
        {
            token = open.ReissueForPartnerClient(partnerHubId, employee.UserId, accountName, ownerName, now);
        }
        mail.EnqueueToAddress(normalized, $"{partnerName} created the client account {accountName} for you in Partner Portal",
            $"Hello {ownerName},\n\n{employee.Name} ({employee.Email}) of {partnerName}, a partner agency, created the client account {accountName} for you in Partner Portal.\n\n" +
            $"The account is yours: you will be its Super Admin, and when you take it you decide whether {employee.Name} gets access to it as Partner Admin. " +
            "You can change that later, and revoke the partner's access at any time.\n\n" +
            $"Open this link to confirm your email and take the account (it works once, within {AccountSignUp.Lifetime.Days} days):\n{urls.Absolute(PathFor(token))}\n\n" +
            "If you do not know this partner, ignore this email: nothing is created.\n\nPartner Portal");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public const string WaitingForAnother =
        "That address has another account waiting to be created for it, by someone else. It can be invited again once that one is taken or has expired (after 3 days).";

    /// <summary>The open sign-up a token is for, found by the token's hash only.</summary>
    public Task<AccountSignUp?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<AccountSignUp?>(null);
        var hash = SecretToken.HashOf(token);
        return db.AccountSignUps.SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
    }

    /// <summary>Whether the owner signs in already (then they give their password rather than choose one).</summary>
    public Task<bool> SignsInAlreadyAsync(string email, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        return db.DomainUsers.Where(u => u.Email == normalized).Join(db.Users, u => u.Id, l => l.Id, (u, l) => l).AnyAsync(l => l.PasswordHash != null, ct);
    }

    /// <summary>
    /// Makes the account: its owner (new, with the password they chose; or someone who signs in, proven by their password)
    /// becomes its Super Admin, with a Hub ID no other account has. One save, so all of it or nothing; of two posts of one link,
    /// one makes it (the sign-up's used mark is a concurrency token). Not a transacted command: a wrong password keeps the
    /// lockout attempt it took.
    /// </summary>
    /// <param name="approvePartner">When a partner created the account: whether its employee becomes Partner Admin here (asked, required).</param>
    public async Task<Result<Founded>> CompleteAsync(string token, string? accountName, string password, bool? approvePartner, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCompleteAsync(token, accountName, password, approvePartner, ct);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                db.ChangeTracker.Clear();
                // The link was used meanwhile (the sign-up is gone from what is open): the page says so. Else the random
                // Hub ID was taken at the same moment: try another.
                var signUp = await FindAsync(token, ct);
                if (signUp is null || !signUp.IsUsable(clock.GetUtcNow()) || attempt == 5) return Failure.NotFound;
            }
        }
    }

    /// <summary>The account made, and — when a partner created it — what became of its employee's access, in a sentence.</summary>
    public sealed record Founded(Account Account, string? PartnerNote);

    private async Task<Result<Founded>> TryCompleteAsync(string token, string? accountName, string password, bool? approvePartner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var signUp = await FindAsync(token, ct);
        if (signUp is null || !signUp.IsUsable(now)) return Failure.NotFound;
        var name = signUp.AccountName ?? accountName?.Trim();
        if (string.IsNullOrWhiteSpace(name)) return Failure.Invalid([new FieldError("AccountName", "Enter the account's name.")]);
        var asking = signUp.PartnerHubId is { } partnerHubId ? await AskingAsync(partnerHubId, signUp.InvitedByUserId, ct) : null;
        if (asking is { MayBeApproved: true } && approvePartner is null)
            return Failure.Invalid([new FieldError("ApprovePartner", $"Choose whether {asking.Employee.Name} gets access as Partner Admin.")]);
        var owner = await db.DomainUsers.SingleOrDefaultAsync(u => u.Email == signUp.Email, ct);
        var login = owner is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == owner.Id, ct);
        if (owner is not null && login?.PasswordHash is not null)
        {
            if (!await attempts.TryTakeAsync(login, ct) || !await logins.CheckPasswordAsync(login, password)) return Failure.Refused(WrongPassword);
            await attempts.GiveBackAsync(login, ct);
        }
        else
        {
            if (owner is null)
            {
                owner = new User(Guid.NewGuid(), signUp.Email, signUp.OwnerName);
                db.DomainUsers.Add(owner);
            }
            if (login is null)
            {
                login = PortalUser.For(owner);
                db.Users.Add(login);
            }
            // New, or added by an admin and never set a password: this link proves the address, so it sets it.
            login.PasswordHash = logins.PasswordHasher.HashPassword(login, password);
        }
        var hubId = await NewHubIdAsync(ct);
        var account = Account.Found(hubId, name, signUp.Kind, owner!, now);
        if (!signUp.Complete(hubId, now).Succeeded) return Failure.NotFound;
        db.Accounts.Add(account);
        if (account is PartnerAccount) db.AccessLinks.Add(links.Issue(hubId, owner!.Id, now)); // R1: the founder is its first partner employee, with an access link
        var note = signUp.PartnerHubId is { } partner && account is ClientAccount client ? await AnswerAsync(client, owner!, partner, asking, approvePartner == true, now, ct) : null;
        await db.SaveChangesAsync(ct); // R3: an approved employee makes the relationship Active, through the domain's events
        return new Founded(account, note);
    }

    /// <summary>The partner that created the account and its employee — the employee only while still its partner employee, in an account not suspended.</summary>
    private sealed record Asking(long PartnerHubId, string PartnerName, Recipient Employee, bool MayBeApproved);

    /// <summary>Who asks the owner for access, as the link's page shows them.</summary>
    public sealed record CreatingPartner(string PartnerName, string EmployeeName, string EmployeeEmail, bool MayBeApproved);

    public async Task<CreatingPartner?> CreatingPartnerAsync(AccountSignUp signUp, CancellationToken ct) =>
        signUp.PartnerHubId is { } partnerHubId && await AskingAsync(partnerHubId, signUp.InvitedByUserId, ct) is { } asking
            ? new CreatingPartner(asking.PartnerName, asking.Employee.Name, asking.Employee.Email, asking.MayBeApproved)
            : null;

    private async Task<Asking?> AskingAsync(long partnerHubId, Guid? employeeId, CancellationToken ct)
    {
        var employee = employeeId is null ? null : await db.DomainUsers.AsNoTracking().Where(u => u.Id == employeeId)
            .Select(u => new Recipient(u.Id, u.Email, u.Name)).SingleOrDefaultAsync(ct);
        if (employee is null) return null;
        var partner = await db.Accounts.AsNoTracking().Where(a => a.HubId == partnerHubId)
            .Select(a => new
            {
                a.Name,
                a.SuspendedAt,
                IsPartnerEmployee = db.Memberships.Any(m => m.AccountHubId == partnerHubId && m.UserId == employeeId && m.IsPartnerEmployee),
            })
            .SingleOrDefaultAsync(ct);
        return partner is null ? null : new Asking(partnerHubId, partner.Name, employee, partner.IsPartnerEmployee && partner.SuspendedAt is null);
    }

    /// <summary>
    /// O2 with R2/R3: the new owner's answer to the partner that created the account. Approved, its employee becomes Partner
    /// Admin exactly as by an approved access link (the one policy decides); declined, or no longer its partner employee,
    /// nobody of the partner has access. The employee is told either way.
    /// </summary>
    private async Task<string> AnswerAsync(ClientAccount account, User owner, long partnerHubId, Asking? asking, bool approve, DateTimeOffset now, CancellationToken ct)
    {
        if (asking is null) return "The partner employee who created it no longer signs in here, so no partner has access.";
        var employee = asking.Employee;
        if (!approve)
        {
            var note = $"You declined {employee.Name} of {asking.PartnerName}: no partner has access. They were told.";
            mail.Enqueue(employee, NotificationKind.ClientInvitationAnswered, $"{account.Name} declined your access",
                $"Hello {employee.Name},\n\n{owner.Name} took the client account {account.Name} you created, and declined your access as Partner Admin. " +
                $"They can approve your access link later if they want {asking.PartnerName}'s help.\n\nPartner Portal", null);
            return note;
        }
        if (!asking.MayBeApproved)
            return $"{employee.Name} is no longer a partner employee of {asking.PartnerName}, so nobody has access. Approve an access link later if you want a partner's help.";
        var user = db.DomainUsers.Local.FirstOrDefault(u => u.Id == employee.UserId) ?? await db.DomainUsers.SingleAsync(u => u.Id == employee.UserId, ct);
        var outcome = account.ApproveAccessLink(user, partnerHubId, new Actor(owner.Id), now);
        if (!outcome.Succeeded) return $"{employee.Name} could not be given access: {outcome.Refusal}";
        mail.Enqueue(employee, NotificationKind.AccessGranted, $"{account.Name} approved your access",
            $"Hello {employee.Name},\n\n{owner.Name} took the client account {account.Name} (Hub ID {account.HubId}) you created, and approved you: you are now Partner Admin there, " +
            $"on behalf of {asking.PartnerName}.\n\n{urls.Absolute($"/{account.HubId}/home")}\n\nPartner Portal", $"/{account.HubId}/home");
        return $"{employee.Name} of {asking.PartnerName} is Partner Admin in it. You can change that, or revoke the partner, at any time (Partners).";
    }

    public const string WrongPassword = "That is not the password of this address. Enter the password you sign in with (Forgot password? on the sign-in page, if need be).";

    /// <summary>A random eight-digit Hub ID no account has now; the primary key settles a race for the same one.</summary>
    private async Task<long> NewHubIdAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = RandomNumberGenerator.GetInt32((int)Account.FirstHubId, (int)Account.LastHubId + 1);
            if (attempt >= 5 || !await db.Accounts.AnyAsync(a => a.HubId == candidate, ct)) return candidate;
        }
    }
}
