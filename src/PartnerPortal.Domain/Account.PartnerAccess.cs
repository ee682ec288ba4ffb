namespace PartnerPortal.Domain;

/// <summary>Seed 003, R25–R27: Partner Access — the partner's channel consultant, and granting it in a client on approval.</summary>
public partial class Account
{
    /// <summary>R27: a partner account's channel consultant, a Partner Access reviewer told of each of its requests.</summary>
    public Guid? ChannelConsultantUserId { get; private set; }

    /// <summary>R27: assigns (or, with null, clears) the partner's channel consultant, who must be a Partner Access reviewer.</summary>
    public Outcome AssignChannelConsultant(User? consultant)
    {
        if (!IsPartner) return Outcome.Refused("Only a partner account has a channel consultant.");
        if (consultant is { IsPartnerAccessReviewer: false }) return Outcome.Refused($"{consultant.Email} is not a Partner Access reviewer.");
        if (ChannelConsultantUserId == consultant?.Id) return Outcome.Unchanged;
        ChannelConsultantUserId = consultant?.Id;
        return Outcome.Done;
    }

    /// <summary>R25: whether this user is an admin here now (Super Admin or Partner Admin), the first condition of a request.</summary>
    public bool IsAdminHere(Guid userId) => MembershipOf(userId) is { } member && AccessPolicy.Administers(member.AccessType);

    /// <summary>
    /// R27: a reviewer approves <paramref name="request"/> for this client. The conditions are read again now (the user may have
    /// lost their admin access, the client its paid seats, since the request); when one no longer holds nothing changes and the
    /// reviewer is told which. Otherwise the user gets Partner Access here — paid-seat functionality on no paid seat — recorded
    /// in the audit trail like any change of access.
    /// </summary>
    public Outcome GrantPartnerAccess(PartnerAccessRequest request, bool isUserOfPartner, Guid reviewerUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientHubId != HubId) throw new ArgumentException("The request is for another client.", nameof(request));
        var facts = PartnerAccessFacts.Of(this, IsAdminHere(request.ForUserId), isUserOfPartner);
        var approved = request.Approve(reviewerUserId, facts, now);
        if (!approved.Succeeded) return approved;
        var member = MembershipOf(request.ForUserId)!;
        Change(member, AuditActions.PartnerAccessGranted, actor: null, now, () => member.GrantPartnerAccess(now));
        return Outcome.Done;
    }

    /// <summary>
    /// R27: who is told of a request in this client: the billing owner, whom the client chose among its Super Admins, else
    /// its first Super Admin.
    /// </summary>
    public static Guid? PrimaryAdmin(Guid? billingOwnerUserId, IEnumerable<(Guid UserId, DateTimeOffset Since)> superAdmins)
    {
        var admins = superAdmins.ToList();
        if (billingOwnerUserId is { } owner && admins.Any(a => a.UserId == owner)) return owner;
        return admins.Count == 0 ? null : admins.OrderBy(a => a.Since).ThenBy(a => a.UserId).First().UserId;
    }
}
