namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// A client's Billing (R23, R28): its subscription, contract term, MRR and seats as read-only facts — partners never
/// change them — and the billing owner, which only someone with billing rights changes: a Super Admin, or a Partner
/// Admin who kept billing permissions. Admins see the page; the action is hidden from others and refused by the handler.
/// </summary>
public class BillingModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, [FromForm(Name = "owner")] Guid owner, CancellationToken ct) =>
        this.SubmitAsync(mediator, new Command(hubId, owner), this.FlashThen(() => RedirectToPage(new { hubId })), () => ShowAsync(hubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AdministerClient);
    }

    public sealed record Owner(Guid UserId, string Name, string Email);

    /// <param name="Seats">Users per seat type; partner seats never count against the paid ones.</param>
    public sealed record Model(ClientHeader Header, string? Subscription, DateTimeOffset? ContractEndsOn, decimal MonthlyRecurringRevenue,
        int PaidSalesHubSeats, int PaidServiceHubSeats, IReadOnlyDictionary<SeatType, int> Seats, Owner? BillingOwner, bool CanEditBilling,
        IReadOnlyList<Owner> OwnerChoices);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var hubId = request.HubId;
            var facts = await db.Accounts.AsNoTracking().Where(a => a.HubId == hubId)
                .Select(a => new { a.Subscription, a.ContractEndsOn, a.MonthlyRecurringRevenue, a.PaidSalesHubSeats, a.PaidServiceHubSeats, a.BillingOwnerUserId })
                .SingleAsync(cancellationToken);
            var seats = await db.Memberships.Where(m => m.AccountHubId == hubId).GroupBy(m => m.Seat)
                .Select(g => new { Seat = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Seat, g => g.Count, cancellationToken);
            var owner = await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.UserId == facts.BillingOwnerUserId)
                .Select(m => new Owner(m.UserId, m.UserName, m.UserEmail)).FirstOrDefaultAsync(cancellationToken);
            var canEdit = AccessPolicy.CanEditBilling(scope.Account.Membership);
            // The billing owner is one of the client's own users (never a partner employee): its Super Admins, in name order.
            var choices = canEdit
                ? await db.Memberships.AsNoTracking().Where(m => m.AccountHubId == hubId && m.PartnerHubId == null && m.AccessType == AccessType.SuperAdmin)
                    .OrderBy(m => m.UserName).Take(100).Select(m => new Owner(m.UserId, m.UserName, m.UserEmail)).ToListAsync(cancellationToken)
                : [];
            return new Model(ClientHeader.For(scope.Account, ClientHeader.Billing), facts.Subscription, facts.ContractEndsOn, facts.MonthlyRecurringRevenue,
                facts.PaidSalesHubSeats, facts.PaidServiceHubSeats, seats, owner, canEdit, choices);
        }
    }

    public sealed record Command(long HubId, Guid OwnerUserId) : ICommand<Result<string>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.OwnClient(HubId, Right.AdministerClient);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.OwnerUserId).NotEqual(Guid.Empty).WithMessage("Choose the billing owner.");
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, TimeProvider clock) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var client = await scope.LoadOwnClientAsync(cancellationToken);
            var outcome = client.ChangeBillingOwner(scope.ActorHere, request.OwnerUserId, clock.GetUtcNow());
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            var owner = client.MembershipOf(request.OwnerUserId)!;
            return outcome.Changed ? $"{owner.UserName} now owns billing." : $"{owner.UserName} already owned billing.";
        }
    }
}
