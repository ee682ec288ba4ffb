namespace PartnerPortal.Web.Pages.Invitations;

/// <summary>
/// Issue 22: the accounts that invited the signed-in user (someone who already had a sign-in is asked, never added). Accept joins
/// with the access offered, as the inviter can still give it now; Decline joins nothing. Only your own invitations exist here.
/// </summary>
public class IndexModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => this.ShowPageAsync(mediator, new Query(), view => View = view);

    public Task<IActionResult> OnPostAcceptAsync([FromForm(Name = "invitation")] int invitation) => AnswerAsync(invitation, accept: true);

    public Task<IActionResult> OnPostDeclineAsync([FromForm(Name = "invitation")] int invitation) => AnswerAsync(invitation, accept: false);

    private Task<IActionResult> AnswerAsync(int invitation, bool accept) =>
        this.SubmitAsync(mediator, new Answer(invitation, accept), this.FlashThen(() => RedirectToPage()), OnGetAsync);

    public const int Shown = 50;

    [NotAccountScoped("Your own invitations: they name you, not an account you are in.")]
    public sealed record Query : IRequest<Result<Model>>;

    public sealed record Row(int Id, long HubId, string AccountName, AccountKind Kind, string InvitedBy, string Access, DateTimeOffset ExpiresAt);

    public sealed record Model(IReadOnlyList<Row> Open);

    public sealed class QueryHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var open = await db.AccountInvitations.AsNoTracking()
                .Where(i => i.UserId == me.UserId && i.State == InvitationState.Pending && i.ExpiresAt > now)
                .OrderByDescending(i => i.CreatedAt).Take(Shown)
                .Join(db.Accounts, i => i.AccountHubId, a => a.HubId, (i, a) => new
                {
                    i.Id, a.HubId, a.Name, a.Kind, i.SuperAdmin, i.Permissions, i.PermissionSetId, i.ExpiresAt,
                    By = db.Memberships.Where(m => m.AccountHubId == i.AccountHubId && m.UserId == i.InvitedByUserId).Select(m => m.UserName).FirstOrDefault(),
                    Set = db.PermissionSets.Where(s => s.Id == i.PermissionSetId).Select(s => s.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return new Model(open.Select(i => new Row(i.Id, i.HubId, i.Name, i.Kind, i.By ?? "An admin who has left",
                i.SuperAdmin ? "Super Admin"
                : i.Kind == AccountKind.Partner ? Permissions.DescribePartnerAccess(AccessType.User, i.Permissions)
                : $"User ({i.Set ?? "no permission set"})", i.ExpiresAt)).ToList());
        }
    }

    /// <summary>Accept or decline; accepting is judged by the domain as if the inviter added you now (their rights may have changed).</summary>
    [NotAccountScoped("Your own invitation: it names you; the account's rules are judged as the inviter's.")]
    public sealed record Answer(int Invitation, bool Accept) : ICommand<Result<string>>;

    public sealed class AnswerHandler(PortalDb db, ICurrentUser me, AccessLinkTokens links, TimeProvider clock) : IRequestHandler<Answer, Result<string>>
    {
        public async Task<Result<string>> Handle(Answer request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var invitation = await db.AccountInvitations.SingleOrDefaultAsync(i => i.Id == request.Invitation && i.UserId == me.UserId, cancellationToken);
            if (invitation is null) return Failure.NotFound; // another person's invitation does not exist for you
            var answered = invitation.Answer(me.UserId, request.Accept, now);
            if (!answered.Succeeded) return Failure.Refused(answered.Refusal!);
            var account = await db.Accounts.WithMembers().SingleAsync(a => a.HubId == invitation.AccountHubId, cancellationToken);
            if (!request.Accept)
            {
                await db.SaveChangesAsync(cancellationToken);
                return $"You declined the invitation to {account.Name}.";
            }
            var user = await db.DomainUsers.SingleAsync(u => u.Id == me.UserId, cancellationToken);
            var inviter = new Actor(invitation.InvitedByUserId, account.MembershipOf(invitation.InvitedByUserId)?.PartnerHubId);
            var joined = account switch
            {
                PartnerAccount partner => partner.AddPartnerUser(invitation.InvitedByUserId, user, invitation.SuperAdmin, invitation.Permissions, invitation.PartnerEmployee, now),
                Domain.ClientAccount client => client.CreateClientUser(inviter, user, invitation.ClientAccess, null, now),
                _ => throw new InvalidOperationException("An account is a partner or a client."),
            };
            if (!joined.Succeeded) return Failure.Refused($"You cannot join {account.Name} by this invitation any more: {joined.Refusal} Ask its admin for a new one.");
            if (account is PartnerAccount && invitation.PartnerEmployee) await links.EnsureIssuedAsync(db, account.HubId, user.Id, now, cancellationToken); // R1
            await db.SaveChangesAsync(cancellationToken);
            return $"You joined {account.Name}.";
        }
    }
}
