namespace PartnerPortal.Web.Pages.Accounts;

/// <summary>A client account's start page: what it is and your access in it. A partner account's is its Partner dashboard.</summary>
public class HomeModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId), ct);
        if (!result.Succeeded) return this.Refusal(result);
        // A partner account's home is its Partner dashboard.
        if (result.Value.Kind == AccountKind.Partner) return RedirectToPage("/Partner/Dashboard/Index", new { hubId });
        View = result.Value;
        return Page();
    }

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.MemberOf(HubId);
    }

    public sealed record Model(long HubId, string Name, AccountKind Kind, AccessType AccessType, bool IsPartnerEmployee,
        IReadOnlyList<string> Permissions, ClientFacts? Client, ClientAccount.ClientHeader Header);

    /// <summary>A client's account at a glance: its partners, its users by access type, its seats and its billing facts.</summary>
    public sealed record ClientFacts(IReadOnlyList<string> Partners, int PartnerCount, IReadOnlyDictionary<AccessType, int> Users,
        IReadOnlyDictionary<SeatType, int> Seats, int PaidSalesHubSeats, int PaidServiceHubSeats, decimal MonthlyRecurringRevenue, string? Subscription);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (hubId, name, kind, membership, _, _) = scope.Account;
            ClientFacts? facts = null;
            if (kind == AccountKind.Client)
            {
                var partners = db.CurrentRelationships.AsNoTracking().Where(r => r.ClientHubId == hubId);
                var account = await db.Accounts.AsNoTracking().Where(a => a.HubId == hubId)
                    .Select(a => new { a.PaidSalesHubSeats, a.PaidServiceHubSeats, a.MonthlyRecurringRevenue, a.Subscription, PartnerCount = partners.Count() })
                    .SingleAsync(cancellationToken);
                var partnerNames = await partners.Join(db.Accounts, r => r.PartnerHubId, p => p.HubId, (r, p) => p.Name).OrderBy(n => n).Take(10)
                    .ToListAsync(cancellationToken);
                var users = await db.Memberships.Where(m => m.AccountHubId == hubId).GroupBy(m => new { m.AccessType, m.Seat })
                    .Select(g => new { g.Key.AccessType, g.Key.Seat, Count = g.Count() }).ToListAsync(cancellationToken);
                facts = new ClientFacts(partnerNames, account.PartnerCount,
                    users.GroupBy(u => u.AccessType).ToDictionary(g => g.Key, g => g.Sum(u => u.Count)),
                    users.GroupBy(u => u.Seat).ToDictionary(g => g.Key, g => g.Sum(u => u.Count)),
                    account.PaidSalesHubSeats, account.PaidServiceHubSeats, account.MonthlyRecurringRevenue, account.Subscription);
            }
            return new Model(hubId, name, kind, membership.AccessType, membership.IsPartnerEmployee,
                Domain.Permissions.Describe(membership.EffectivePermissions).ToList(), facts, ClientAccount.ClientHeader.For(scope.Account, "Home"));
        }
    }
}
