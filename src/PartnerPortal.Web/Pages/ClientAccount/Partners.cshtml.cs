using PartnerPortal.Web.Infrastructure.DomainEvents;
using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Pages.Partner;

namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's Settings → Partners (seed 001, R22, R23): the partners servicing the account with their employees here;
/// Invite a partner (a link addressed to the partner's Hub ID, random, stored hashed, expiring, revocable); the
/// invitations sent; and Revoke for a whole partner (its own page: <see cref="RevokePartnerModel"/>).
/// </summary>
public class PartnersModel(IMediator mediator) : PageModel
{
    [BindProperty] public Invite Data { get; set; } = new();

    public Model? View { get; private set; }

    /// <summary>The link just created, shown once to copy (only its hash is kept).</summary>
    public string? CreatedLink { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public async Task<IActionResult> OnPostInviteAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(Data with { HubId = hubId }, ct);
        if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
        if (result.Succeeded)
        {
            CreatedLink = result.Value;
            Data = new Invite();
        }
        return await ShowAsync(hubId, ct);
    }

    public Task<IActionResult> OnPostRevokeInvitationAsync(long hubId, [FromForm(Name = "invitation")] int invitationId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RevokeInvitation(hubId, invitationId), this.FlashThen(() => RedirectToPage(new { hubId })), () => ShowAsync(hubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    [ApiScope(ApiScopes.Read)]
    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed record PartnerRow(long HubId, string Name, RelationshipState State, DateTimeOffset? EndsAt, int Employees);

    public sealed record InvitationRow(int Id, long PartnerHubId, string PartnerName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string State, bool Open);

    /// <param name="WhyNotRevoke">R23: why you cannot revoke a partner (you work here for a partner), or null: the page offers Revoke only then.</param>
    public sealed record Model(ClientHeader Header, IReadOnlyList<PartnerRow> Partners, IReadOnlyList<InvitationRow> Invitations, string? WhyNotRevoke);

    /// <summary>A client has a handful of partners; the lists are bounded all the same.</summary>
    public const int Shown = 100;

    public sealed class QueryHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var now = clock.GetUtcNow();
            var partners = await db.CurrentRelationships.AsNoTracking()
                .Where(r => r.ClientHubId == hubId)
                .Join(db.Accounts, r => r.PartnerHubId, a => a.HubId, (r, a) => new { r, a.Name })
                .OrderBy(x => x.Name).Take(Shown)
                .Select(x => new PartnerRow(x.r.PartnerHubId, x.Name, x.r.State, x.r.EndsAt,
                    db.Memberships.Count(m => m.AccountHubId == hubId && m.PartnerHubId == x.r.PartnerHubId)))
                .ToListAsync(cancellationToken);
            var invitations = (await db.ClientInvitations.AsNoTracking().Where(i => i.ClientHubId == hubId)
                .OrderByDescending(i => i.CreatedAt).Take(20)
                .Join(db.Accounts, i => i.PartnerHubId, a => a.HubId, (i, a) => new { i, a.Name })
                .ToListAsync(cancellationToken))
                .Select(x => new InvitationRow(x.i.Id, x.i.PartnerHubId!.Value, x.Name, x.i.CreatedAt, x.i.ExpiresAt, x.i.Describe(now), x.i.IsOpen(now)))
                .ToList();
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Partners), partners, invitations,
                WhoMayChangeWhom.WhyNotRevokePartner(scope.ActorHere, scope.Account.Membership, scope.Account.Name));
        }
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Invite : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public long? PartnerHubId { get; init; }

        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class InviteValidator : AbstractValidator<Invite>
    {
        public InviteValidator() => RuleFor(c => c.PartnerHubId).NotNull().WithMessage("Enter your partner's Hub ID.")
            .GreaterThan(0).WithMessage("A Hub ID is a positive number, such as 44100001.");
    }

    /// <summary>R22: an invitation to the partner with that Hub ID; the link goes to the partner by email and is shown once to copy.</summary>
    public sealed class InviteHandler(PortalDb db, AccessScope scope, MailOutbox mail, PublicUrls urls, TimeProvider clock) : IRequestHandler<Invite, Result<string>>
    {
        public async Task<Result<string>> Handle(Invite request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var partnerHubId = request.PartnerHubId!.Value;
            // The client (and its version) first: an invitation committed after this reading makes this one conflict and retry.
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var partner = await db.Accounts.AsNoTracking().Where(a => a.HubId == partnerHubId && a.Kind == AccountKind.Partner)
                .Select(a => new
                {
                    a.Name,
                    Servicing = db.CurrentRelationships.Any(r => r.PartnerHubId == partnerHubId && r.ClientHubId == request.HubId),
                    Open = db.ClientInvitations.Any(i => i.PartnerHubId == partnerHubId && i.ClientHubId == request.HubId
                        && i.State == InvitationState.Pending && i.ExpiresAt > now),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (partner is null) return Failure.Invalid([new FieldError(nameof(Invite.PartnerHubId), $"No partner account has Hub ID {partnerHubId}. Ask your partner for the Hub ID of its partner account.")]);
            var (outcome, invitation, token) = client.InvitePartner(scope.ActorHere, partnerHubId, partner.Name, partner.Servicing, partner.Open, now);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            db.ClientInvitations.Add(invitation!);
            var link = urls.Absolute(ClientInvitationLinkModel.PathFor(token!));
            foreach (var admin in await PartnerNotices.Holders(db, partnerHubId, Permission.ClientAccessManager).ToListAsync(cancellationToken))
                mail.Enqueue(admin, NotificationKind.ClientInvitation, $"{scope.Account.Name} invites {partner.Name} to be its partner",
                    $"Hello {admin.Name},\n\n{scope.Account.Membership.UserName} of {scope.Account.Name} (Hub ID {request.HubId}) invites {partner.Name} to be its partner. " +
                    $"Review and accept or decline it in your pending client invitations:\n{link}\n\nThe invitation expires on {invitation!.ExpiresAt.UtcDateTime:yyyy-MM-dd}.\n\nPartner Portal", $"/{partnerHubId}/partner/client-invitations");
            await db.SaveChangesAsync(cancellationToken);
            return link;
        }
    }

    public sealed record RevokeInvitation(long HubId, int InvitationId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AddAndEditUsers);
    }

    public sealed class RevokeInvitationHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<RevokeInvitation, Result<string>>
    {
        public async Task<Result<string>> Handle(RevokeInvitation request, CancellationToken cancellationToken)
        {
            // Another client's invitation id is not found: ids reach nothing of another tenant.
            var invitation = await db.ClientInvitations.SingleOrDefaultAsync(i => i.Id == request.InvitationId && i.ClientHubId == request.HubId, cancellationToken);
            if (invitation is null) return Failure.NotFound;
            var outcome = invitation.Revoke(scope.Account.Membership.UserId, clock.GetUtcNow());
            if (!outcome.Changed) return "That invitation was already answered or revoked.";
            await db.SaveChangesAsync(cancellationToken);
            return "The invitation was revoked: its link works no more.";
        }
    }
}
