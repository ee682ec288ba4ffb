using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// R15 kept as it changes, so that the Partner dashboard reads a partner's managed MRR from a few rows whatever its number of
/// clients (<see cref="ManagedCreditShare"/>). Whenever a save touches what a client's credit depends on — a relationship,
/// a member of the client, a partner employee's switch in the partner account, a partner email domain, the client's MRR —
/// the relationships of the clients concerned are judged again with <see cref="ManagedCreditQuery"/> (the one definition)
/// and their partners' sums rewritten: four statements, however many clients the save touched. No handler calls it: every
/// change that goes through SaveChanges passes here (the one set-wise change of relationships, the ending job, moves them from
/// Ending to Ended, neither of which earns); and <see cref="RebuildAsync"/> runs at start and every hour, which also mends a
/// figure that two concurrent saves on PostgreSQL left behind (each judges from what it could see).
/// </summary>
public sealed class ManagedCreditKeeper : SaveChangesInterceptor
{
    private sealed class Touched
    {
        public readonly HashSet<long> Clients = [];
        public readonly HashSet<long> PartnersOfDomains = [];
        public readonly HashSet<long> PartnersOfEmployees = [];
        public readonly HashSet<Guid> Employees = [];
        public bool Any => Clients.Count + PartnersOfDomains.Count + Employees.Count > 0;
    }

    private static readonly ConditionalWeakTable<DbContext, Touched> Pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is PortalDb db && Pending.TryGetValue(db, out var touched))
        {
            Pending.Remove(db);
            await RefreshAsync(db, touched, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is PortalDb db && Pending.TryGetValue(db, out var touched))
        {
            Pending.Remove(db);
            RefreshAsync(db, touched, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData?.Context is { } context) Pending.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private static void Collect(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not PortalDb db) return;
        var touched = Pending.GetValue(db, _ => new Touched());
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case PartnerClientRelationship relationship:
                    touched.Clients.Add(relationship.ClientHubId);
                    break;
                case Membership { AccountKind: AccountKind.Client } member:
                    touched.Clients.Add(member.AccountHubId);
                    break;
                case Membership member when entry.State != EntityState.Modified || entry.Property(nameof(Membership.IsPartnerEmployee)).IsModified:
                    touched.PartnersOfEmployees.Add(member.AccountHubId);
                    touched.Employees.Add(member.UserId);
                    break;
                case PartnerEmailDomain domain:
                    touched.PartnersOfDomains.Add(domain.PartnerHubId);
                    break;
                case ClientAccount client when entry.State == EntityState.Modified && entry.Property(nameof(Account.MonthlyRecurringRevenue)).IsModified:
                    touched.Clients.Add(client.HubId);
                    break;
            }
        }
        if (!touched.Any) Pending.Remove(db);
    }

    private static Task RefreshAsync(PortalDb db, Touched touched, CancellationToken ct)
    {
        var clients = touched.Clients.ToList();
        var domainPartners = touched.PartnersOfDomains.ToList();
        var employeePartners = touched.PartnersOfEmployees.ToList();
        var employees = touched.Employees.ToList();
        // The clients whose credit may have changed: those touched, every client of a partner whose domains changed, and every
        // client where a partner employee whose switch changed works for that partner (a superset is harmless).
        var concerned = db.Relationships.Where(r => clients.Contains(r.ClientHubId) || domainPartners.Contains(r.PartnerHubId)
                || db.Memberships.Any(m => m.AccountHubId == r.ClientHubId && employees.Contains(m.UserId) && m.PartnerHubId != null && employeePartners.Contains(m.PartnerHubId.Value)))
            .Select(r => r.ClientHubId);
        return RefreshClientsAsync(db, concerned, ct);
    }

    /// <summary>Judges the relationships of <paramref name="clients"/> again and rewrites their partners' sums (four statements).</summary>
    private static async Task RefreshClientsAsync(PortalDb db, IQueryable<long> clients, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await JudgeAsync(db, db.Relationships.Where(r => clients.Contains(r.ClientHubId)), ct);
        var partners = db.Relationships.Where(r => clients.Contains(r.ClientHubId)).Select(r => r.PartnerHubId);
        await RewriteSumsAsync(db, partners, db.ManagedCreditShares.Where(s => partners.Contains(s.PartnerHubId)), ct);
    }

    /// <summary>Every relationship judged again and every sum rewritten: at start, every hour, and after a bulk load.</summary>
    public static async Task RebuildAsync(PortalDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await JudgeAsync(db, db.Relationships, ct);
        await RewriteSumsAsync(db, db.Relationships.Select(r => r.PartnerHubId), db.ManagedCreditShares, ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
    }

    private static Task<int> JudgeAsync(PortalDb db, IQueryable<PartnerClientRelationship> relationships, CancellationToken ct)
    {
        var earning = ManagedCreditQuery.Earning(db);
        return relationships.ExecuteUpdateAsync(set => set
            .SetProperty(r => EF.Property<decimal>(r, ManagedCreditShare.RelationshipMrr),
                r => earning.Any(e => e.Id == r.Id) ? db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.MonthlyRecurringRevenue).FirstOrDefault() : 0m)
            .SetProperty(r => EF.Property<int>(r, ManagedCreditShare.RelationshipPartners),
                r => earning.Any(e => e.Id == r.Id) ? earning.Count(e => e.ClientHubId == r.ClientHubId) : 0), ct);
    }

    private static async Task RewriteSumsAsync(PortalDb db, IQueryable<long> partners, IQueryable<ManagedCreditShare> current, CancellationToken ct)
    {
        var sums = await db.Relationships
            .Where(r => partners.Contains(r.PartnerHubId) && EF.Property<int>(r, ManagedCreditShare.RelationshipPartners) > 0)
            .GroupBy(r => new { r.PartnerHubId, Partners = EF.Property<int>(r, ManagedCreditShare.RelationshipPartners) })
            .Select(g => new { g.Key.PartnerHubId, g.Key.Partners, Mrr = g.Sum(r => EF.Property<decimal>(r, ManagedCreditShare.RelationshipMrr)) })
            .ToListAsync(ct);
        var rows = await current.ToListAsync(ct);
        var wanted = sums.ToDictionary(s => (s.PartnerHubId, s.Partners), s => s.Mrr);
        foreach (var row in rows)
        {
            if (!wanted.Remove((row.PartnerHubId, row.Partners), out var mrr)) db.ManagedCreditShares.Remove(row);
            else if (row.MonthlyRecurringRevenue != mrr) row.MonthlyRecurringRevenue = mrr;
        }
        foreach (var ((partner, sharing), mrr) in wanted) db.ManagedCreditShares.Add(new ManagedCreditShare(partner, sharing, mrr));
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }
}
