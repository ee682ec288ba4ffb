using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Issue 24: the reset between tests is skipped when a test only read. These prove the skip never keeps a change: what a
/// test changed through the app is gone for the next one, and only plain reads count as reads.
/// </summary>
public sealed class TestLoopTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Theory]
    [InlineData("SELECT 1", true)]
    [InlineData("-- tag\nSELECT \"a\".\"Id\" FROM \"Accounts\" AS \"a\"", true)]
    [InlineData("PRAGMA foreign_keys = ON;", true)]
    [InlineData("SELECT 1; SELECT 2;", true)]
    [InlineData("INSERT INTO \"Accounts\" (\"Name\") VALUES (@p0) RETURNING \"HubId\";", false)]
    [InlineData("SELECT 1; UPDATE \"Users\" SET \"SecurityStamp\" = @p0;", false)]
    [InlineData("WITH x AS (DELETE FROM \"Outbox\" RETURNING *) SELECT count(*) FROM x", false)]
    [InlineData("SELECT nextval('hub_ids')", false)]
    [InlineData("CREATE TABLE t (a int)", false)]
    public void Only_plain_reads_count_as_reads(string sql, bool read) => Assert.Equal(read, WriteWatch.IsRead(sql));

    [Fact]
    public async Task Reading_leaves_the_database_unchanged_and_a_change_through_the_app_is_gone_after_the_reset()
    {
        var watch = Fixture.Service<WriteWatch>();
        using var ava = await Fixture.AsAsync(Personas.PartnerSuperAdmin);
        await Fixture.ResetAsync(); // her first sign-in may have been this test's
        await ava.GetPageAsync($"/{Personas.Brightwave}/partner/client-access-manager");
        Assert.False(watch.Wrote, watch.FirstWrite);

        var before = await Fixture.InDbAsync(db => db.DomainUsers.CountAsync());
        await Fixture.BuildAsync(w => w.Employee(w.Partner("Loop Agency"), "Lou Loop", AccessType.SuperAdmin));
        Assert.True(watch.Wrote);
        await Fixture.ResetAsync();

        Assert.False(watch.Wrote);
        Assert.Equal(before, await Fixture.InDbAsync(db => db.DomainUsers.CountAsync()));
    }
}
