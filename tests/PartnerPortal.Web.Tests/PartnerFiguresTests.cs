using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// The Partner dashboard's figures kept as they change (PartnerFiguresKeeper): it reads a partner's managed MRR (R15) and counts
/// from one kept row, so every change they depend on must move it, and what was kept must be what judging everything anew gives.
/// </summary>
public sealed class PartnerFiguresTests(PortalFixture fixture) : PortalTest(fixture)
{
    private static async Task<string> ManagedMrrAsync(BrowserLikeClient user, long agency)
    {
        var (_, page) = await user.FollowAsync($"/{agency}/partner/dashboard");
        return page.QuerySelector("[data-testid=managed-mrr]")!.TextContent.Trim();
    }

    private Task<List<(long Partner, decimal Mrr, int Serviced, int Ending, int WithAccess)>> KeptAsync() => Fixture.InDbAsync(async db =>
        (await db.PartnerFigures.AsNoTracking().OrderBy(c => c.PartnerHubId).ToListAsync())
            .Select(c => (c.PartnerHubId, c.MonthlyRecurringRevenue, c.Serviced, c.Ending, c.EmployeesWithAccess)).ToList());

    [Fact]
    public async Task R15_managed_MRR_follows_a_revoked_partner_and_a_removed_employee_in_both_agencies_and_equals_a_rebuild()
    {
        var w = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Kept Agency");
            var boss = w.Employee(agency, "Kim Kept", AccessType.SuperAdmin);
            var cal = w.Employee(agency, "Cal Counted");
            var rival = w.Partner("Kept Rival");
            var rita = w.Employee(rival, "Rita Rival", AccessType.SuperAdmin);
            var shared = w.Client("Shared Co", monthlyRecurringRevenue: 3_000m);
            var owner = w.Member(shared, w.Person("Owen Owner"), AccessType.SuperAdmin);
            w.Services(agency, shared);
            w.Services(rival, shared);
            w.Seat(shared, agency, cal, AccessType.User, "Marketing");
            w.Seat(shared, rival, rita, AccessType.User, "Sales");
            var own = w.Client("Own Co", monthlyRecurringRevenue: 1_000m);
            w.Services(agency, own);
            w.Seat(own, agency, cal, AccessType.PartnerAdmin);
            return (Agency: agency.HubId, Rival: rival.HubId, Boss: boss.Email, Rita: rita.Email, Cal: cal.Id, Shared: shared.HubId, Own: own.HubId, Owner: owner.UserEmail);
        });
        using var boss = await Fixture.SignedInAsync(w.Boss);
        using var rita = await Fixture.SignedInAsync(w.Rita);
        using var owner = await Fixture.SignedInAsync(w.Owner);
        // Shared Co's 3,000 split between the two agencies, and Own Co's 1,000.
        Assert.Equal("$2,500", await ManagedMrrAsync(boss, w.Agency));
        Assert.Equal("$1,500", await ManagedMrrAsync(rita, w.Rival));

        // The owner of Shared Co revokes Rival: the agency has its 3,000 to itself, Rival earns nothing.
        using (var revoked = await owner.PostCraftedAsync($"/{w.Shared}/client/partners/{w.Rival}/revoke", [new("confirm", "true")]))
            Assert.Equal(302, (int)revoked.StatusCode);
        Assert.Equal("$4,000", await ManagedMrrAsync(boss, w.Agency));
        Assert.Equal("$0", await ManagedMrrAsync(rita, w.Rival));

        // Cal removed from Own Co (R10): it has no credited employee of the agency any more.
        using (var removed = await boss.PostCraftedAsync($"/{w.Agency}/partner/client-access-manager/employees/{w.Cal}/remove-from-clients?handler=Done",
            [new("clients", $"{w.Own}")]))
            Assert.Equal(302, (int)removed.StatusCode);
        Assert.Equal("$3,000", await ManagedMrrAsync(boss, w.Agency));

        // What was kept through these changes is what judging every relationship anew gives.
        var kept = await KeptAsync();
        await Fixture.InDbAsync(async db => { await PartnerFiguresKeeper.RebuildAsync(db, CancellationToken.None); return 0; });
        Assert.Equal(kept, await KeptAsync());
        Assert.Equal([(w.Agency, 3_000m), (w.Rival, 0m)], kept.Where(k => k.Partner == w.Agency || k.Partner == w.Rival).OrderBy(k => k.Partner != w.Agency).Select(k => (k.Partner, k.Mrr)));
    }

    [Fact]
    public async Task R15_a_database_loaded_without_the_app_gets_its_managed_credit_at_the_rebuild()
    {
        var w = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Loaded Agency");
            var boss = w.Employee(agency, "Lou Loaded", AccessType.SuperAdmin);
            var cal = w.Employee(agency, "Cal Counted");
            var client = w.Client("Loaded Co", monthlyRecurringRevenue: 4_000m);
            w.Services(agency, client);
            w.Seat(client, agency, cal, AccessType.User, "Marketing");
            return (Agency: agency.HubId, Boss: boss.Email);
        });
        // As a restore or a bulk load leaves it: nothing kept.
        await Fixture.InDbAsync(async db =>
        {
            await db.PartnerFigures.ExecuteDeleteAsync();
            return await db.Relationships.ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<decimal>(r, PartnerFigures.RelationshipMrr), 0m)
                .SetProperty(r => EF.Property<int>(r, PartnerFigures.RelationshipPartners), 0));
        });
        using var boss = await Fixture.SignedInAsync(w.Boss);
        Assert.Equal("$0", await ManagedMrrAsync(boss, w.Agency));

        await Fixture.InDbAsync(async db => { await PartnerFiguresKeeper.RebuildAsync(db, CancellationToken.None); return 0; });

        Assert.Equal("$4,000", await ManagedMrrAsync(boss, w.Agency));
    }

    [Fact]
    public async Task R15_twenty_removals_at_once_in_one_agency_leave_the_figure_a_rebuild_gives()
    {
        var w = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Burst Agency");
            var boss = w.Employee(agency, "Bo Burst", AccessType.SuperAdmin);
            var pairs = new List<(long Client, Guid Employee)>();
            for (var i = 0; i < 20; i++)
            {
                var employee = w.Employee(agency, $"Em Burst {i:00}");
                var client = w.Client($"Burst Client {i:00}", monthlyRecurringRevenue: 100m * (i + 1));
                w.Services(agency, client);
                w.Seat(client, agency, employee, AccessType.User, "Marketing");
                // A second earning employee in every other client: those keep earning after the removal.
                if (i % 2 == 0) w.Seat(client, agency, w.Employee(agency, $"Kit Keeps {i:00}"), AccessType.User, "Sales");
                pairs.Add((client.HubId, employee.Id));
            }
            return (Agency: agency.HubId, Boss: boss.Email, Pairs: pairs);
        });
        using var boss = await Fixture.SignedInAsync(w.Boss);
        Assert.Equal("$21,000", await ManagedMrrAsync(boss, w.Agency));

        // Twenty commands at once, each in a client of its own, all of them rewriting the agency's one figure.
        var results = await Task.WhenAll(w.Pairs.Select(p => Task.Run(() => Fixture.SendAsync(
            new Pages.Partner.ClientAccessManager.RemovePartnerEmployees.Command(w.Agency, [new(p.Client, p.Employee)]), w.Boss))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        // The even clients (100, 300, …, 1,900: 10,000) keep a credited employee; the odd ones earn nothing now. Of the 31
        // partner employees, the ten who stay in a client have access.
        Assert.Equal("$10,000", await ManagedMrrAsync(boss, w.Agency));
        var (_, page) = await boss.FollowAsync($"/{w.Agency}/partner/dashboard");
        Assert.Equal("10 with access · 21 without", string.Join(' ', page.QuerySelector("[data-testid=employee-counts]")!.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)));
        var kept = await KeptAsync();
        await Fixture.InDbAsync(async db => { await PartnerFiguresKeeper.RebuildAsync(db, CancellationToken.None); return 0; });
        Assert.Equal(kept, await KeptAsync());
    }
}
