using PartnerPortal.Web.Pages;

namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>
/// The one home of adding a person by email in Users &amp; Teams, in a partner's account or a client's: someone new is
/// created without a password and emailed a one-time link to set one (never a password); someone who already signs in is
/// invited (<see cref="Invite"/>), and joins only when they accept — until then the account sees the address it typed, nothing more.
/// </summary>
public sealed class NewUsers(PortalDb db, MailOutbox mail, PublicUrls urls)
{
    /// <summary>The user with this email, or a new one (not saved until <see cref="Welcome"/>).</summary>
    public async Task<(User Person, bool IsNew)> FindOrNewAsync(string email, string? name, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email);
        var person = await db.DomainUsers.SingleOrDefaultAsync(u => u.Email == normalized, ct);
        return person is null ? (new User(Guid.NewGuid(), normalized, string.IsNullOrWhiteSpace(name) ? normalized : name.Trim()), true) : (person, false);
    }

    /// <summary>
    /// Someone who already signs in is asked, not added (issue 22): the invitation and the email that tells them of it. Refused
    /// when one is open already. Nothing about them (their name) goes back to the inviter.
    /// </summary>
    public async Task<Result<string>> InviteAsync(AccountInvitation invitation, Account account, string from, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(account);
        if (await db.AccountInvitations.AnyAsync(i => i.AccountHubId == account.HubId && i.OpenFor == invitation.UserId, ct))
            return Failure.Refused($"{invitation.Email} has an invitation to {account.Name} already; they join when they accept it.");
        db.AccountInvitations.Add(invitation);
        var person = await db.DomainUsers.Where(u => u.Id == invitation.UserId).Select(u => new Recipient(u.Id, u.Email, u.Name)).SingleAsync(ct);
        mail.Enqueue(person, NotificationKind.AddedToAccount, $"{from} invites you to {account.Name} in Partner Portal",
            $"Hello {person.Name},\n\n{from} invites you to join {account.Name} (Hub ID {account.HubId}) in Partner Portal. You join only if you accept; " +
            $"until then they see only your email address.\n\nAccept or decline: {urls.Absolute(InvitationsPath)}\n\nPartner Portal", InvitationsPath);
        await db.SaveChangesAsync(ct); // two invitations posted at once: the open one's unique key keeps one
        return $"We invited {invitation.Email} to {account.Name}: they join when they accept, and until then you see only their email address.";
    }

    public const string InvitationsPath = "/invitations";

    /// <summary>Saves a new person and queues the email that tells them (with the link to set a password when new).</summary>
    public void Welcome(User person, bool isNew, Account account, string from, Guid invitedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(account);
        var subject = $"{from} added you to {account.Name} in Partner Portal";
        if (!isNew)
        {
            mail.Enqueue(new Recipient(person.Id, person.Email, person.Name), NotificationKind.AddedToAccount, subject,
                $"Hello {person.Name},\n\n{from} added you to {account.Name} (Hub ID {account.HubId}) in Partner Portal. " +
                $"Sign in with your usual password:\n{urls.Absolute("/sign-in")}\n\nPartner Portal", $"/{account.HubId}/home");
            return;
        }
        var token = Create(person, account.HubId, invitedBy, now);
        mail.Enqueue(new Recipient(person.Id, person.Email, person.Name), NotificationKind.AddedToAccount, subject,
            $"Hello {person.Name},\n\n{from} added you to {account.Name} (Hub ID {account.HubId}) in Partner Portal.\n\n" + SetPassword(token), $"/{account.HubId}/home");
    }

    /// <summary>R27, O2: the operator makes someone a Partner Access reviewer from the page; someone new gets the welcome link, in no account.</summary>
    public void WelcomeReviewer(User person, bool isNew, string from, Guid invitedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        var subject = $"{from} made you a Partner Access reviewer in Partner Portal";
        var what = $"Hello {person.Name},\n\n{from}, who runs Partner Portal here, made you a Partner Access reviewer: you decide partners' requests for Partner Access, at {urls.Absolute(ReviewQueuePath)}.\n\n";
        if (!isNew)
        {
            mail.Enqueue(new Recipient(person.Id, person.Email, person.Name), NotificationKind.PartnerAccessRequested, subject, what + "Sign in with your usual password.\n\nPartner Portal", ReviewQueuePath);
            return;
        }
        var token = Create(person, null, invitedBy, now);
        mail.Enqueue(new Recipient(person.Id, person.Email, person.Name), NotificationKind.PartnerAccessRequested, subject, what + SetPassword(token), ReviewQueuePath);
    }

    public const string ReviewQueuePath = "/review/partner-access";

    /// <summary>Saves a new person without a password, with the one-time link that sets it.</summary>
    private string Create(User person, long? accountHubId, Guid invitedBy, DateTimeOffset now)
    {
        db.DomainUsers.Add(person);
        db.Users.Add(PortalUser.For(person)); // no password until they set one with the link
        var (invitation, token) = UserInvitation.Issue(person.Id, accountHubId, invitedBy, now);
        db.UserInvitations.Add(invitation);
        return token;
    }

    private string SetPassword(string token) =>
        $"Set your password here to sign in (the link works once, within {UserInvitation.Lifetime.Days} days):\n{urls.Absolute(WelcomeModel.PathFor(token))}\n\n" +
        "If you did not expect this, you can ignore this email.\n\nPartner Portal";
}
