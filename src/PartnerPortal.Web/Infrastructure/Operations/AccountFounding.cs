using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// O2, the one home of an account coming into being: a sign-up (or the operator's invitation) is opened and its link emailed
/// (<see cref="OpenAsync"/>); the link's page makes the account with its owner as Super Admin and a new Hub ID
/// (<see cref="CompleteAsync"/>).
/// </summary>
public sealed class AccountFounding(PortalDb db, MailOutbox mail, PublicUrls urls, UserManager<PortalUser> logins, Security.SignInAttempts attempts, TimeProvider clock)
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
    public async Task<Result<Account>> CompleteAsync(string token, string? accountName, string password, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCompleteAsync(token, accountName, password, ct);
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

    private async Task<Result<Account>> TryCompleteAsync(string token, string? accountName, string password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var signUp = await FindAsync(token, ct);
        if (signUp is null || !signUp.IsUsable(now)) return Failure.NotFound;
        var name = signUp.AccountName ?? accountName?.Trim();
        if (string.IsNullOrWhiteSpace(name)) return Failure.Invalid([new FieldError("AccountName", "Enter the account's name.")]);
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
        await db.SaveChangesAsync(ct);
        return account;
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
