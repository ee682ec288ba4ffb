using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;
using PartnerPortal.Web.Infrastructure.DomainEvents;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>
/// R10, R11, R12: removing partner employees from client accounts, shared by "Remove employee from
/// clients" (one employee, several clients) and "Remove partner employee" (one client, several employees).
/// The review changes nothing; the command removes and says what happened to each relationship.
/// </summary>
public static class RemovePartnerEmployees
{
    public const int MaxPairs = 500;

    public sealed record Pair(long ClientHubId, Guid UserId);

    public sealed record Item(long ClientHubId, string ClientName, Guid UserId, string EmployeeName, string Email, string Access,
        int Activities, DateTimeOffset? LastActivity, string? Blocker);

    public sealed record Outlook(long ClientHubId, string ClientName, string Consequence);

    public sealed record Review(IReadOnlyList<Item> Items, IReadOnlyList<Outlook> Clients)
    {
        public bool Blocked => Items.Any(i => i.Blocker is not null);

        /// <summary>The receipt line shown after Done or Confirm removal.</summary>
        public string Summary(string lead, Func<Item, string> what) =>
            $"{lead} {string.Join(", ", Items.Select(what))}. {string.Join(" ", Clients.Select(c => c.Consequence))}";
    }

    public sealed record ReviewQuery(long PartnerHubId, IReadOnlyList<Pair> Pairs) : IRequest<Result<Review>>, IAccountRequest
    {
        // R10, R11: Super Admin or Client access manager in the partner account; rights in each client are checked per client.
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed record Command(long PartnerHubId, IReadOnlyList<Pair> Pairs) : ICommand<Result<Review>>, IAccountRequest, IRetriedOnConflict
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class ReviewValidator : AbstractValidator<ReviewQuery>
    {
        public ReviewValidator() => RuleFor(q => q.Pairs).Must(p => p.Count is > 0 and <= MaxPairs).WithMessage("Select at least one to remove.");
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(q => q.Pairs).Must(p => p.Count is > 0 and <= MaxPairs).WithMessage("Select at least one to remove.");
    }

    public sealed class ReviewHandler(Planner planner) : IRequestHandler<ReviewQuery, Result<Review>>
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

    /// <summary>Loads and checks everything a removal touches, and says what it will do.</summary>
    public sealed class Planner(PortalDb db, AccountAccess access, AccessScope scope, RelationshipKeeper relationships, TimeProvider clock)
    {
        public sealed record Plan(IReadOnlyDictionary<long, Account> Clients, Review Review);

        public async Task<Result<Plan>> PlanAsync(long partnerHubId, IReadOnlyList<Pair> pairs, CancellationToken ct)
        {
            var clients = new Dictionary<long, Account>();
            var items = new List<Item>();
            var outlooks = new List<Outlook>();
            var now = clock.GetUtcNow();
            foreach (var group in pairs.Distinct().GroupBy(p => p.ClientHubId))
            {
                var client = await access.ServicedClientAsync(partnerHubId, group.Key, partnerAccountsToo: false, ct);
                if (!client.Succeeded) return client.AsFailure();
                var account = clients[group.Key] = client.Value;
                var blockers = account.RemovalBlockers(group.Select(p => p.UserId).ToList(), partnerHubId, scope.PartnerActor);
                var activity = await db.QualifyingActivities.Where(a => a.ClientHubId == account.HubId && a.PartnerHubId == partnerHubId)
                    .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, Count = g.Count(), Last = g.Max(a => a.At) })
                    .ToDictionaryAsync(a => a.UserId, ct);
                foreach (var pair in group)
                {
                    var membership = account.MembershipOf(pair.UserId);
                    // Not (or no longer: removed meanwhile) one of this partner's employees there.
                    if (membership is null || membership.PartnerHubId != partnerHubId)
                        return Failure.Refused($"Someone you selected is not one of your partner employees in {account.Name} (any more). Look at the list again.");
                    activity.TryGetValue(pair.UserId, out var did);
                    items.Add(new Item(account.HubId, account.Name, pair.UserId, membership.User!.Name, membership.User.Email, membership.Describe(),
                        did?.Count ?? 0, did?.Last, blockers.GetValueOrDefault(pair.UserId)));
                }
                var remaining = account.PartnerEmployeesOf(partnerHubId).Count() - group.Count();
                outlooks.Add(new Outlook(account.HubId, account.Name, await ConsequenceAsync(account, partnerHubId, remaining, now, ct)));
            }
            return new Plan(clients, new Review(items, outlooks));
        }

        private async Task<string> ConsequenceAsync(Account client, long partnerHubId, int remaining, DateTimeOffset now, CancellationToken ct)
        {
            if (remaining > 0) return $"{remaining} of your partner employees keep access to {client.Name}; the relationship stays as it is.";
            var relationship = await db.Relationships.AsNoTracking().SingleAsync(r => r.PartnerHubId == partnerHubId && r.ClientHubId == client.HubId, ct);
            if (relationship.State != RelationshipState.Active) return $"No partner employees remain; the relationship is already {relationship.State.Display().ToLowerInvariant()}.";
            var endsAt = relationship.EndingDateFor(await relationships.LastQualifyingActivityAsync(client.HubId, partnerHubId, ct));
            return endsAt <= now
                ? "No partner employees remain and the last qualifying activity was more than 60 days ago: the relationship ends at once."
                : $"No partner employees remain: the relationship becomes Ending and ends on {endsAt.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}, 60 days after the last qualifying activity. Adding an employee before then keeps it.";
        }
    }
}
