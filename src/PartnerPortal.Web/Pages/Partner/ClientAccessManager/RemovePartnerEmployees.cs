using System.Globalization;
using PartnerPortal.Web.Infrastructure.DomainEvents;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>
/// R10, R11, R12: removing partner employees from client accounts, shared by "Remove employee from
/// clients" (one employee, several clients) and "Remove partner employee" (one client, several employees).
/// The review changes nothing; the command removes and says what happened to each relationship.
/// </summary>
public static class RemovePartnerEmployees
{
    public const int MaxPairs = 1000;

    public sealed record Pair(long ClientHubId, Guid UserId);

    public sealed record Item(long ClientHubId, string ClientName, Guid UserId, string EmployeeName, string Email, string Access,
        int Activities, DateTimeOffset? LastActivity, string? Blocker);

    /// <summary>What becomes of a client's relationship with the partner (R11, R12).</summary>
    public enum Fate { Stays, AlreadyInactive, BecomesEnding, EndsAtOnce }

    public sealed record Outlook(long ClientHubId, string ClientName, string Consequence, Fate Fate = Fate.Stays);

    /// <param name="ByPartner">R20: the partner takes its employee back by its own authority; an item's <see cref="Item.Blocker"/> then
    /// says why they stay in that client (R14) and does not stop the rest.</param>
    public sealed record Review(IReadOnlyList<Item> Items, IReadOnlyList<Outlook> Clients, bool ByPartner = false)
    {
        public bool Blocked => !ByPartner && Items.Any(i => i.Blocker is not null);

        /// <summary>
        /// The short message shown after Done or Confirm removal: who from where, by name when there are a few,
        /// by count otherwise; the relationships that change, counted. The receipt has the rest.
        /// </summary>
        public string Summary()
        {
            var people = Items.Select(i => i.EmployeeName).Distinct().ToList();
            var clients = Clients.Select(c => c.ClientName).ToList();
            var text = $"Removed {Few(people, "employees")} from {Few(clients, "clients")}.";
            if (Clients.Count == 1) return $"{text} {Clients[0].Consequence}";
            var ending = Clients.Count(c => c.Fate == Fate.BecomesEnding);
            var ended = Clients.Count(c => c.Fate == Fate.EndsAtOnce);
            if (ending > 0) text += $" {Count(ending, "relationship becomes", "relationships become")} Ending.";
            if (ended > 0) text += $" {Count(ended, "relationship ends", "relationships end")} at once.";
            return text;
        }

        private static string Few(List<string> names, string many) => names.Count switch
        {
            1 => names[0],
            2 => $"{names[0]} and {names[1]}",
            3 => $"{names[0]}, {names[1]} and {names[2]}",
            _ => $"{names.Count} {many}",
        };

        private static string Count(int n, string one, string more) => $"{n} {(n == 1 ? one : more)}";
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record ReviewQuery(long PartnerHubId, IReadOnlyList<Pair> Pairs) : IRequest<Result<Review>>, IAccountRequest
    {
        // R10, R11: Super Admin or Client access manager in the partner account; rights in each client are checked per client.
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    [ApiScope(ApiScopes.ClientAccess)]
    public sealed record Command(long PartnerHubId, IReadOnlyList<Pair> Pairs) : ICommand<Result<Review>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class ReviewQueryValidator : AbstractValidator<ReviewQuery>
    {
        public ReviewQueryValidator() => RuleFor(q => q.Pairs).Must(p => p.Count is > 0 and <= MaxPairs).WithMessage("Select at least one to remove.");
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(q => q.Pairs).Must(p => p.Count is > 0 and <= MaxPairs).WithMessage("Select at least one to remove.");
    }

    public sealed class ReviewQueryHandler(Planner planner) : IRequestHandler<ReviewQuery, Result<Review>>
    {
        public async Task<Result<Review>> Handle(ReviewQuery request, CancellationToken cancellationToken)
        {
            var plan = await planner.PlanAsync(request.PartnerHubId, request.Pairs, cancellationToken);
            return plan.Succeeded ? plan.Value.Review : plan.AsFailure();
        }
    }

    public sealed class CommandHandler(PortalDb db, Planner planner, AccessScope scope) : IRequestHandler<Command, Result<Review>>
    {
        public async Task<Result<Review>> Handle(Command request, CancellationToken cancellationToken)
        {
            var plan = await planner.PlanAsync(request.PartnerHubId, request.Pairs, cancellationToken);
            if (!plan.Succeeded) return plan.AsFailure();
            var (clients, review) = plan.Value;
            foreach (var leaving in review.Items.GroupBy(i => i.ClientHubId))
            {
                var outcome = clients[leaving.Key].RemovePartnerEmployees(leaving.Select(i => i.UserId).ToList(), request.PartnerHubId, scope.PartnerActor);
                if (!outcome.Succeeded) return Failure.Refused($"{leaving.First().ClientName}: {outcome.Refusal}");
            }
            await db.SaveChangesAsync(cancellationToken); // R12 follows from the domain's events (RelationshipKeeper)
            return review;
        }
    }

    /// <summary>
    /// Loads and checks everything a removal touches, and says what it will do: the relationships, the clients with
    /// their members, and R12's clock are one read each, however many clients are chosen.
    /// </summary>
    public sealed class Planner(PortalDb db, AccessScope scope, RelationshipKeeper relationships, TimeProvider clock)
    {
        public sealed record Plan(IReadOnlyDictionary<long, Domain.ClientAccount> Clients, Review Review);

        /// <param name="byPartner">Offboarding, Remove user, reviews (R20, B4, B5): whom SPEC §3 does not let the actor remove stays, with the
        /// reason, and does not stop the rest; clients whose relationship is no longer current are included.</param>
        /// <param name="removingUser">R20: the person is being removed from the partner account too.</param>
        public async Task<Result<Plan>> PlanAsync(long partnerHubId, IReadOnlyList<Pair> pairs, CancellationToken ct, bool byPartner = false, bool removingUser = false)
        {
            var actor = ActorFor(removingUser);
            var byClient = pairs.Distinct().GroupBy(p => p.ClientHubId).ToList();
            var ids = byClient.Select(g => g.Key).ToList();
            // Tracked: the removal may start their 60 days (RelationshipKeeper finds them here).
            var serviced = await db.CurrentRelationships.Where(r => r.PartnerHubId == partnerHubId && ids.Contains(r.ClientHubId)).ToDictionaryAsync(r => r.ClientHubId, ct);
            var clients = await db.ClientAccounts.WithMembers().Where(a => ids.Contains(a.HubId)).ToDictionaryAsync(a => a.HubId, ct);
            // Another partner's client, a partner account, an ended relationship: not found, as for one client.
            if (ids.Any(id => !clients.ContainsKey(id) || (!byPartner && !serviced.ContainsKey(id)))) return Failure.NotFound;
            var activity = await db.QualifyingActivities.Where(a => a.PartnerHubId == partnerHubId && ids.Contains(a.ClientHubId))
                .GroupBy(a => new { a.ClientHubId, a.UserId }).Select(g => new { g.Key.ClientHubId, g.Key.UserId, Count = g.Count(), Last = g.Max(a => a.At) })
                .ToListAsync(ct);
            var activityOf = activity.ToDictionary(a => (a.ClientHubId, a.UserId));
            var now = clock.GetUtcNow();

            var items = new List<Item>();
            var outlooks = new List<Outlook>();
            foreach (var group in byClient)
            {
                var account = clients[group.Key];
                var lastActivity = activity.Where(a => a.ClientHubId == account.HubId).Select(a => (DateTimeOffset?)a.Last).Max();
                relationships.Know(account.HubId, partnerHubId, lastActivity);
                var blockers = byPartner
                    ? account.RevocationStays(group.Select(p => p.UserId).ToList(), partnerHubId, actor)
                    : account.RemovalBlockers(group.Select(p => p.UserId).ToList(), partnerHubId, actor);
                foreach (var pair in group)
                {
                    var membership = account.MembershipOf(pair.UserId);
                    // Not (or no longer: removed meanwhile) one of this partner's employees there.
                    if (membership is null || membership.PartnerHubId != partnerHubId)
                        return Failure.Refused($"Someone you selected is not one of your partner employees in {account.Name} (any more). Look at the list again.");
                    activityOf.TryGetValue((account.HubId, pair.UserId), out var did);
                    items.Add(new Item(account.HubId, account.Name, pair.UserId, membership.User!.Name, membership.User.Email, membership.Describe(),
                        did?.Count ?? 0, did?.Last, blockers.GetValueOrDefault(pair.UserId)));
                }
                var remaining = account.PartnerEmployeesOf(partnerHubId).Count() - group.Count(p => !blockers.ContainsKey(p.UserId));
                var (consequence, fate) = serviced.TryGetValue(account.HubId, out var relationship)
                    ? Consequence(account, relationship, remaining, lastActivity, now)
                    : ("The relationship with this client has already ended; nothing else changes.", Fate.AlreadyInactive);
                outlooks.Add(new Outlook(account.HubId, account.Name, consequence, fate));
            }
            return new Plan(clients, new Review(items, outlooks, byPartner));
        }

        /// <summary>The signed-in user acting through the partner; <paramref name="removingUser"/>: removing someone from it (R20).</summary>
        public Actor ActorFor(bool removingUser) =>
            removingUser ? scope.PartnerActor with { Through = scope.PartnerActor.Through! with { RemovingUser = true } } : scope.PartnerActor;

        private static (string, Fate) Consequence(Domain.ClientAccount client, PartnerClientRelationship relationship, int remaining, DateTimeOffset? lastActivity,
            DateTimeOffset now)
        {
            if (remaining > 0) return ($"{remaining} of your partner employees {(remaining == 1 ? "keeps" : "keep")} access to {client.Name}; the relationship stays as it is.", Fate.Stays);
            if (relationship.State != RelationshipState.Active)
                return ($"No partner employees remain; the relationship is already {relationship.State.Display().ToLowerInvariant()}.", Fate.AlreadyInactive);
            var endsAt = relationship.EndingDateFor(lastActivity);
            return endsAt <= now
                ? ("No partner employees remain and the last qualifying activity was more than 60 days ago: the relationship ends at once.", Fate.EndsAtOnce)
                : ($"No partner employees remain: the relationship becomes Ending and ends on {endsAt.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}, 60 days after the last qualifying activity. Adding an employee before then keeps it.",
                    Fate.BecomesEnding);
        }
    }
}
