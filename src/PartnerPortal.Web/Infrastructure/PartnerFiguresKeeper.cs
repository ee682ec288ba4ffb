using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The Partner dashboard's figures kept as they change (<see cref="PartnerFigures"/>), so that it reads a partner's managed MRR
/// (R15), clients serviced and Ending and employees with access from one row whatever its number of clients. Whenever a save touches what a client's credit depends on — a relationship, a member
/// of the client, a partner employee's switch in the partner account, a partner email domain, the client's MRR — the
/// relationships of the clients concerned are judged again with <see cref="ManagedCreditQuery"/> (the one definition) and
/// their partners' figures rewritten: seven statements, however many clients and partners the save touched. No handler calls it: every
/// change that goes through SaveChanges passes here (the one set-wise change of relationships, the ending job, calls
/// <see cref="RelationshipsEndedAsync"/>); and <see cref="RebuildAsync"/> runs at start and every hour (a database restored or
/// loaded in bulk). Two saves touching one partner at once take turns: each first takes hold of the partners' rows, so the
/// second judges with what the first wrote (under PostgreSQL's READ COMMITTED each statement reads anew).
/// </summary>
public sealed class PartnerFiguresKeeper : SaveChangesInterceptor
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

    /// <summary>Contexts whose change detection this save turned off (<see cref="Collect"/>), to turn it on again after it.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> Restore = new();

    private static void RestoreDetection(DbContext context)
    {
        if (Restore.TryGetValue(context, out _))
        {
            Restore.Remove(context);
            context.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

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
        if (eventData.Context is { } context) RestoreDetection(context);
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
        if (eventData.Context is { } context) RestoreDetection(context);
        if (eventData.Context is PortalDb db && Pending.TryGetValue(db, out var touched))
        {
            Pending.Remove(db);
            RefreshAsync(db, touched, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData?.Context is not { } context) return;
        Pending.Remove(context);
        RestoreDetection(context);
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
        // Changes detected once here (the Partner employee switch, a client's MRR are property changes), and SaveChanges
        // does not detect them again: each detection looks at every tracked entity, thousands in a bulk change.
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            Restore.AddOrUpdate(db, true);
        }
        CollectFrom(db, touched);
        if (!touched.Any) Pending.Remove(db);
    }

    private static void CollectFrom(PortalDb db, Touched touched)
    {
        var newPartners = new List<long>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
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
                case PartnerAccount partner when entry.State == EntityState.Added:
                    newPartners.Add(partner.HubId);
                    break;
            }
        }
        // Every partner has its row from the start, so that keeping it is an UPDATE (saved with the account).
        foreach (var hubId in newPartners) db.PartnerFigures.Add(new PartnerFigures(hubId, 0m, DateTimeOffset.UtcNow));
    }

    private static async Task RefreshAsync(PortalDb db, Touched touched, CancellationToken ct)
    {
        // The clients whose figures may have changed, as a list (a query of ORs inlined into each statement made PostgreSQL
        // scan every relationship against every membership): those touched; every client of a partner whose domains
        // changed; every client where a partner employee whose switch changed works for that partner. A superset is harmless.
        var clients = touched.Clients.ToHashSet();
        if (touched.PartnersOfDomains.Count > 0)
        {
            var partners = touched.PartnersOfDomains.ToList();
            clients.UnionWith(await db.Relationships.Where(r => partners.Contains(r.PartnerHubId)).Select(r => r.ClientHubId).ToListAsync(ct));
        }
        if (touched.Employees.Count > 0)
        {
            var employees = touched.Employees.ToList();
            var partners = touched.PartnersOfEmployees.ToList();
            clients.UnionWith(await db.Memberships.Where(m => employees.Contains(m.UserId) && m.AccountKind == AccountKind.Client
                && m.PartnerHubId != null && partners.Contains(m.PartnerHubId.Value)).Select(m => m.AccountHubId).ToListAsync(ct));
        }
        if (clients.Count > 0) await RefreshClientsAsync(db, [.. clients], ct);
    }

    /// <summary>Judges the relationships of <paramref name="clients"/> again and rewrites their partners' figures (seven statements).</summary>
    private static async Task RefreshClientsAsync(PortalDb db, List<long> clients, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTimeOffset.UtcNow;
        var partners = await db.Relationships.Where(r => clients.Contains(r.ClientHubId)).Select(r => r.PartnerHubId).Distinct().ToListAsync(ct);
        if (partners.Count == 0) return;
        var rows = db.PartnerFigures.Where(c => partners.Contains(c.PartnerHubId));
        // First take hold of the partners' rows: a concurrent save for one of them waits here until this one commits.
        await rows.ExecuteUpdateAsync(set => set.SetProperty(c => c.KeptAt, now), ct);
        await JudgeAsync(db, r => clients.Contains(r.ClientHubId), ct);
        var totals = await TotalsAsync(db, partners, ct);
        await rows.ExecuteUpdateAsync(set => Counts(db, set).SetProperty(c => c.MonthlyRecurringRevenue, TotalOf(totals)), ct);
    }

    /// <summary>The counts, each from an index, set in the same UPDATE as the credit.</summary>
    private static UpdateSettersBuilder<PartnerFigures> Counts(PortalDb db, UpdateSettersBuilder<PartnerFigures> set) => set
        .SetProperty(c => c.Serviced, c => db.CurrentRelationships.Count(r => r.PartnerHubId == c.PartnerHubId))
        .SetProperty(c => c.Ending, c => db.Relationships.Count(r => r.PartnerHubId == c.PartnerHubId && r.State == RelationshipState.Ending))
        .SetProperty(c => c.EmployeesWithAccess, c => db.Memberships.Count(m => m.AccountHubId == c.PartnerHubId && m.IsPartnerEmployee
            && db.Memberships.Any(w => w.UserId == m.UserId && w.PartnerHubId == c.PartnerHubId)));

    /// <summary>
    /// The ending job's set-wise UPDATE (Ending → Ended) changes what the partners count: it tells the keeper which clients,
    /// for the same four statements.
    /// </summary>
    public static Task RelationshipsEndedAsync(PortalDb db, List<long> clients, CancellationToken ct) => RefreshClientsAsync(db, clients, ct);

    /// <summary>Every relationship judged again and every partner's figure rewritten: at start, every hour, and after a bulk load.</summary>
    public static async Task RebuildAsync(PortalDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            await RebuildInTransactionAsync(db, ct);
            return;
        }
        // In one transaction of its own, inside the provider's execution strategy (PostgreSQL's retries on a dropped connection).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await RebuildInTransactionAsync(db, ct);
            await transaction.CommitAsync(ct);
        });
    }

    private static async Task RebuildInTransactionAsync(PortalDb db, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await JudgeAsync(db, r => true, ct);
        var serviced = await db.Relationships.Select(r => r.PartnerHubId).Distinct().ToListAsync(ct);
        var totals = (await TotalsAsync(db, serviced, ct)).ToDictionary(t => t.PartnerHubId, t => t.Mrr);
        var partners = await db.Accounts.Where(a => a.Kind == AccountKind.Partner).Select(a => a.HubId).ToListAsync(ct);
        var kept = await db.PartnerFigures.ToDictionaryAsync(c => c.PartnerHubId, ct);
        foreach (var partner in partners)
        {
            var mrr = totals.GetValueOrDefault(partner);
            if (kept.TryGetValue(partner, out var row)) row.Keep(mrr, now);
            else db.PartnerFigures.Add(new PartnerFigures(partner, mrr, now));
        }
        await db.SaveChangesAsync(ct);
        await db.PartnerFigures.ExecuteUpdateAsync(set => Counts(db, set), ct);
    }

    /// <summary>Each partner's managed MRR: the MRR of its earning clients summed by how many partners share them, each sum
    /// split evenly (<see cref="ManagedCredit.ShareOf"/>, the domain's split). Partners without any are left out (0).</summary>
    private static async Task<List<(long PartnerHubId, decimal Mrr)>> TotalsAsync(PortalDb db, List<long> partners, CancellationToken ct)
    {
        var sums = await db.Relationships
            .Where(r => partners.Contains(r.PartnerHubId) && EF.Property<int>(r, PartnerFigures.RelationshipPartners) > 0)
            .GroupBy(r => new { r.PartnerHubId, Partners = EF.Property<int>(r, PartnerFigures.RelationshipPartners) })
            .Select(g => new { g.Key.PartnerHubId, g.Key.Partners, Mrr = g.Sum(r => EF.Property<decimal>(r, PartnerFigures.RelationshipMrr)) })
            .ToListAsync(ct);
        return sums.GroupBy(s => s.PartnerHubId).Select(g => (g.Key, g.Sum(s => ManagedCredit.ShareOf(s.Mrr, s.Partners)))).ToList();
    }

    private sealed class Total(long partnerHubId, decimal mrr)
    {
        public readonly long PartnerHubId = partnerHubId;
        public readonly decimal Mrr = mrr;
    }

    /// <summary>
    /// <c>CASE WHEN PartnerHubId = @p1 THEN @v1 … ELSE 0 END</c>: every partner's figure in one UPDATE. The values are read
    /// from objects, so EF Core sends them as parameters and the SQL is the same for the same number of partners.
    /// </summary>
    private static Expression<Func<PartnerFigures, decimal>> TotalOf(List<(long PartnerHubId, decimal Mrr)> totals)
    {
        var row = Expression.Parameter(typeof(PartnerFigures), "c");
        Expression value = Expression.Constant(0m);
        foreach (var (partner, mrr) in totals)
        {
            var total = Expression.Constant(new Total(partner, mrr));
            value = Expression.Condition(
                Expression.Equal(Expression.Property(row, nameof(PartnerFigures.PartnerHubId)), Expression.Field(total, nameof(Total.PartnerHubId))),
                Expression.Field(total, nameof(Total.Mrr)), value);
        }
        return Expression.Lambda<Func<PartnerFigures, decimal>>(value, row);
    }

    /// <summary>
    /// The relationships <paramref name="which"/> judged again, in three UPDATEs: all to 0; those that earn (the rule in the
    /// WHERE, which PostgreSQL plans once as a join — inside a per-row CASE it planned a join over every membership for each
    /// row: 8 s for 200 clients) get their client's MRR and a mark; then each marked one the number marked in its client.
    /// </summary>
    private static async Task JudgeAsync(PortalDb db, Expression<Func<PartnerClientRelationship, bool>> which, CancellationToken ct)
    {
        // Only the marked ones are reset: the judging below never leaves an MRR without a mark, and PostgreSQL writes a new
        // version of every row an UPDATE names, changed or not (the ending job's 100,000 relationships: 2.9 s of its 10).
        await db.Relationships.Where(which).Where(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners) != 0).ExecuteUpdateAsync(set => set
            .SetProperty(r => EF.Property<decimal>(r, PartnerFigures.RelationshipMrr), 0m)
            .SetProperty(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners), 0), ct);
        await ManagedCreditQuery.Earning(db).Where(which).ExecuteUpdateAsync(set => set
            .SetProperty(r => EF.Property<decimal>(r, PartnerFigures.RelationshipMrr),
                r => db.Accounts.Where(a => a.HubId == r.ClientHubId).Select(a => a.MonthlyRecurringRevenue).FirstOrDefault())
            .SetProperty(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners), 1), ct);
        // Every relationship of a client is judged with it (the clients are whole), so the marks in a client are its count.
        await db.Relationships.Where(which).Where(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners) > 0).ExecuteUpdateAsync(set => set
            .SetProperty(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners),
                r => db.Relationships.Count(o => o.ClientHubId == r.ClientHubId && EF.Property<int>(o, PartnerFigures.RelationshipPartners) > 0)), ct);
    }

}
