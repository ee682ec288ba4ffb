namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>
/// R27, O2: the one home of the platform's Partner Access reviewers and the partners' channel consultants — made and
/// unmade by the operator's page (<c>/operator/reviewers</c>) and by the <c>operators</c> command alike, so that both
/// follow the same rules: a reviewer who stops being one stops being anybody's channel consultant, and only a reviewer
/// can be a partner's channel consultant.
/// </summary>
public sealed class ReviewerRoster(PortalDb db)
{
    public sealed record Reviewer(Guid UserId, string Email, string Name, bool IsOperator, int ConsultantOf, IReadOnlyList<string> Partners);

    /// <summary>A partner named as channel consultant of this many accounts shows them: the rest are counted.</summary>
    public const int PartnersShown = 5;

    /// <summary>The reviewers (people with the flag; few), in email order, each with the partners they are channel consultant of.</summary>
    public IQueryable<Reviewer> List() =>
        db.DomainUsers.AsNoTracking().Where(u => u.IsPartnerAccessReviewer).OrderBy(u => u.Email)
            .Select(u => new Reviewer(u.Id, u.Email, u.Name, u.IsPlatformOperator,
                db.Accounts.Count(a => a.ChannelConsultantUserId == u.Id),
                db.Accounts.Where(a => a.ChannelConsultantUserId == u.Id).OrderBy(a => a.Name).Take(PartnersShown).Select(a => a.Name + " (" + a.HubId + ")").ToList()));

    /// <summary>Someone who signs in (or is created meanwhile) becomes a reviewer; saved by the caller.</summary>
    public static string Make(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.MakePartnerAccessReviewer(true)
            ? $"{user.Email} is a Partner Access reviewer: they sign in and find the queue at /review/partner-access."
            : $"{user.Email} was a Partner Access reviewer already.";
    }

    public async Task<Result<string>> RemoveAsync(string email, CancellationToken ct)
    {
        var user = await FindAsync(email, ct);
        if (user is null) return Failure.Refused($"No user has the email {email}.");
        if (!user.MakePartnerAccessReviewer(false)) return $"{user.Email} was not a Partner Access reviewer.";
        foreach (var partner in await db.PartnerAccounts.Where(a => a.ChannelConsultantUserId == user.Id).ToListAsync(ct)) partner.AssignChannelConsultant(null);
        await db.SaveChangesAsync(ct);
        return $"{user.Email} is no longer a Partner Access reviewer (nor a channel consultant).";
    }

    /// <param name="email">The reviewer, or null to leave the partner without one.</param>
    public async Task<Result<string>> AssignConsultantAsync(long hubId, string? email, CancellationToken ct)
    {
        var partner = await db.PartnerAccounts.SingleOrDefaultAsync(a => a.HubId == hubId, ct);
        if (partner is null)
            return Failure.Refused(await db.Accounts.AnyAsync(a => a.HubId == hubId, ct) ? "Only a partner account has a channel consultant." : $"No account has the Hub ID {hubId}.");
        User? consultant = null;
        if (email is not null)
        {
            consultant = await FindAsync(email, ct);
            if (consultant is null) return Failure.Refused($"No user has the email {email}.");
        }
        var outcome = partner.AssignChannelConsultant(consultant);
        if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
        await db.SaveChangesAsync(ct);
        return consultant is null ? $"{partner.Name} has no channel consultant now." : $"{consultant.Email} is {partner.Name}'s channel consultant.";
    }

    public Task<User?> FindAsync(string email, CancellationToken ct) =>
        EmailAddress.IsValid(email) ? db.DomainUsers.SingleOrDefaultAsync(u => u.Email == EmailAddress.Normalize(email), ct) : Task.FromResult<User?>(null);
}
