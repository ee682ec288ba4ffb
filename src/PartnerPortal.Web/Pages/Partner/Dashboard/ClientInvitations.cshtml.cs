using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// Seed 001, R22: the partner's pending client invitations, for Super Admins and Client access managers. Each shows the
/// client, who invited and what accepting means; Accept makes the client a client of the partner (it appears in the
/// client list) and tells the client; Decline tells the client too.
/// </summary>
public class ClientInvitationsModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostAcceptAsync(long hubId, [FromForm(Name = "invitation")] int invitationId, CancellationToken ct) =>
        AnswerAsync(hubId, invitationId, accept: true, ct);

    public Task<IActionResult> OnPostDeclineAsync(long hubId, [FromForm(Name = "invitation")] int invitationId, CancellationToken ct) =>
        AnswerAsync(hubId, invitationId, accept: false, ct);

    private Task<IActionResult> AnswerAsync(long hubId, int invitationId, bool accept, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, invitationId, accept), this.FlashThen(() => RedirectToPage(new { hubId })), () => ShowAsync(hubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed record Row(int Id, long ClientHubId, string ClientName, string InvitedBy, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

    public sealed record Model(DashboardHeader Header, IReadOnlyList<Row> Pending);

    /// <summary>Open invitations newest first, bounded: a partner answers them as they come.</summary>
    public const int Shown = 50;

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var pending = await db.ClientInvitations.AsNoTracking()
                .Where(i => i.PartnerHubId == request.HubId && i.State == InvitationState.Pending && i.ExpiresAt > now)
                .OrderByDescending(i => i.CreatedAt).Take(Shown)
                .Select(i => new Row(i.Id, i.ClientHubId,
                    db.Accounts.Where(a => a.HubId == i.ClientHubId).Select(a => a.Name).First(),
                    db.DomainUsers.Where(u => u.Id == i.CreatedByUserId).Select(u => u.Name).FirstOrDefault() ?? "A former user",
                    i.CreatedAt, i.ExpiresAt))
                .ToListAsync(cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.Invitations), pending);
        }
    }

    public sealed record Command(long HubId, int InvitationId, bool Accept) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, MailOutbox mail, PublicUrls urls, RelationshipKeeper keeper, TimeProvider clock)
        : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            // An invitation for another partner is not found: ids reach nothing of another tenant.
            var invitation = await db.ClientInvitations.SingleOrDefaultAsync(i => i.Id == request.InvitationId && i.PartnerHubId == request.HubId, cancellationToken);
            if (invitation is null) return Failure.NotFound;
            var me = scope.Account.Membership.UserId;
            var outcome = request.Accept ? invitation.Accept(request.HubId, me, now) : invitation.Decline(request.HubId, me, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            var client = await db.Accounts.AsNoTracking().Where(a => a.HubId == invitation.ClientHubId).Select(a => new { a.Name, a.Kind }).SingleAsync(cancellationToken);
            if (request.Accept)
            {
                // R22: the client becomes a client of the partner (Active), and appears in its client list.
                var relationship = await db.Relationships.SingleOrDefaultAsync(r => r.PartnerHubId == request.HubId && r.ClientHubId == invitation.ClientHubId, cancellationToken);
                if (relationship is null) db.Relationships.Add(relationship = PartnerClientRelationship.StartActive(request.HubId, invitation.ClientHubId, now));
                else relationship.Activate(now);
                // R12 from the start (SPEC §3): with none of the partner's employees in the client yet, its 60 days run from today,
                // and the first employee who joins makes it Active again.
                if (!await db.Memberships.AnyAsync(m => m.AccountHubId == invitation.ClientHubId && m.PartnerHubId == request.HubId, cancellationToken))
                    relationship.StartEnding(await keeper.LastQualifyingActivityAsync(invitation.ClientHubId, request.HubId, cancellationToken), now);
            }
            var answer = request.Accept ? "accepted" : "declined";
            foreach (var admin in await PartnerNotices.Holders(db, invitation.ClientHubId, Permission.AddAndEditUsers).ToListAsync(cancellationToken))
                mail.Enqueue(admin, NotificationKind.ClientInvitationAnswered, $"{scope.Account.Name} {answer} your partner invitation",
                    $"Hello {admin.Name},\n\n{scope.Account.Membership.UserName} of {scope.Account.Name} {answer} the invitation of {client.Name} to be its partner." +
                    (request.Accept ? " It can now ask for access to your account; you grant or revoke that access at any time." : "") +
                    $"\n\nYour partners: {urls.Absolute($"/{invitation.ClientHubId}/client/partners")}\n\nPartner Portal", $"/{invitation.ClientHubId}/client/partners");
            await db.SaveChangesAsync(cancellationToken);
            return request.Accept
                ? $"You accepted {client.Name}'s invitation: it is now in your client list, and it was told. Ask it to approve an employee's access link: " +
                  "until one of your employees works there, the relationship ends 60 days from today."
                : $"You declined {client.Name}'s invitation; it was told.";
        }
    }
}
