using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Operations;
using PartnerPortal.Web.Pages.ClientAccount;

namespace PartnerPortal.Web.Tests;

/// <summary>O4, O6: the operator's command line, each command on the database the suite runs on (SQLite or PostgreSQL).</summary>
public sealed class CommandLineTests(PortalFixture fixture) : PortalTest(fixture)
{
    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await OperatorCommands.RunAsync(Fixture.Factory.Services, args, new StringReader(""), output);
        return (code, output.ToString().Trim());
    }

    [Fact]
    public async Task O4_a_wrong_command_line_prints_the_usage_and_exits_2_and_migrate_says_the_database_is_up_to_date()
    {
        foreach (var wrong in new[] { ["users"], ["users", "unlock"], ["accounts", "grant-super-admin", "1"], new[] { "backup" } })
        {
            var (code, output) = await RunAsync(wrong);
            Assert.Equal(2, code);
            Assert.StartsWith("Usage: PartnerPortal.Web <command>", output, StringComparison.Ordinal);
        }
        Assert.Equal((0, "The database is up to date: no migration to apply."), await RunAsync("migrate"));
    }

    [Fact]
    public async Task O4_reset_password_prints_a_one_hour_link_that_sets_a_new_one_and_an_unknown_email_exits_1()
    {
        var email = await Fixture.BuildAsync(w => w.Employee(w.Partner("Cli Agency"), "Cal Cli", AccessType.SuperAdmin).Email);

        var (code, output) = await RunAsync("users", "reset-password", email);

        Assert.Equal(0, code);
        Assert.Single(output.Split('\n'));
        var link = new Uri(Regex.Match(output, @"https?://\S+/welcome/[A-Za-z0-9_-]{43}").Value).PathAndQuery;
        using var owner = Fixture.CreateClient();
        using (var set = await owner.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Password"] = "set from the cli", ["Data.ConfirmPassword"] = "set from the cli" }))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using var signedIn = await Fixture.SignedInAsync(email, "set from the cli");
        Assert.Equal((1, "Nobody signs in with nobody@cli-agency.test."), await RunAsync("users", "reset-password", "nobody@cli-agency.test"));
        Assert.Equal(1, (await RunAsync("users", "unlock", "not an email")).Code);
    }

    [Fact]
    public async Task O4_unlock_lifts_a_paused_sign_in_and_reset_two_factor_lets_the_password_alone_sign_in()
    {
        var email = await Fixture.BuildAsync(w => w.Employee(w.Partner("Locked Agency"), "Lou Locked", AccessType.SuperAdmin).Email);
        using (var guesser = Fixture.CreateClient())
            for (var i = 0; i < 5; i++)
                using (await guesser.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = "wrong guess" })) { }
        using (var paused = Fixture.CreateClient())
        using (var refused = await paused.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = email, ["Data.Password"] = Personas.Password }))
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the right password is refused while paused

        Assert.Equal((0, $"{email} can sign in again (5 failed attempts forgotten)."), await RunAsync("users", "unlock", email));
        using (await Fixture.SignedInAsync(email)) { }

        // Jonas signs in with two-factor in the demo: after the reset, the password alone signs him in.
        var (code, output) = await RunAsync("users", "reset-two-factor", Infrastructure.DemoData.DemoWorld.TwoFactorEmail);
        Assert.Equal(0, code);
        Assert.Contains("signs in with their password alone now", output, StringComparison.Ordinal);
        using var jonas = Fixture.CreateClient();
        using var signIn = await jonas.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["Data.Email"] = Infrastructure.DemoData.DemoWorld.TwoFactorEmail, ["Data.Password"] = Personas.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("two-factor", BrowserLikeClient.LocationOf(signIn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task O4_accounts_list_prints_every_account_and_grant_super_admin_is_break_glass_audited_as_the_operators()
    {
        var (code, output) = await RunAsync("accounts", "list", "Harbor");
        Assert.Equal(0, code);
        Assert.Equal([$"{Personas.HarborCoffee}\tClient\tActive\t5 users\tHarbor Coffee Roasters", "1 account."], output.Split('\n').Select(l => l.TrimEnd('\r')));
        var all = await RunAsync("accounts", "list");
        Assert.EndsWith($"{await Fixture.InDbAsync(db => db.Accounts.CountAsync())} accounts.", all.Output, StringComparison.Ordinal);

        var (granted, line) = await RunAsync("accounts", "grant-super-admin", Personas.HarborCoffee.ToString(System.Globalization.CultureInfo.InvariantCulture), Personas.OtherPartnerSuperAdmin);

        Assert.Equal(0, granted);
        Assert.Contains("is a Super Admin of Harbor Coffee Roasters", line, StringComparison.Ordinal);
        var olivia = await Fixture.UserIdAsync(Personas.OtherPartnerSuperAdmin);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == olivia && m.AccessType == AccessType.SuperAdmin)));
        var operatorId = await Fixture.UserIdAsync(Personas.PlatformOperator);
        var entry = await Fixture.InDbAsync(db => db.AuditEntries.SingleAsync(e => e.AccountHubId == Personas.HarborCoffee && e.Action == AuditActions.SuperAdminGrantedByOperator));
        Assert.Equal(operatorId, entry.ActorUserId);
        Assert.Equal(1, (await RunAsync("accounts", "grant-super-admin", "99999999", Personas.ClientUser)).Code);
        Assert.Equal(1, (await RunAsync("accounts", "grant-super-admin", "harbor", Personas.ClientUser)).Code);
        Assert.Equal(1, (await RunAsync("accounts", "grant-super-admin", Personas.HarborCoffee.ToString(System.Globalization.CultureInfo.InvariantCulture), "nobody@nowhere.test")).Code);
    }

    [Fact]
    public void O4_break_glass_is_refused_to_anyone_but_the_platform_operator()
    {
        var owner = new User(Guid.NewGuid(), "owner@break.test", "Owner");
        var client = Account.Found(30_000_001, "Break Glass Co", AccountKind.Client, owner, DateTimeOffset.UtcNow);
        var stranger = new User(Guid.NewGuid(), "stranger@break.test", "Stranger");

        var refused = client.GrantSuperAdminByOperator(new Actor(owner.Id), stranger, DateTimeOffset.UtcNow);

        Assert.False(refused.Succeeded);
        Assert.Null(client.MembershipOf(stranger.Id));
    }

    [Fact]
    public async Task O6_a_backup_taken_while_twenty_writes_a_second_go_on_restores_everything_acknowledged_before_it_began()
    {
        var database = Fixture.Service<DatabaseLocation>();
        var folder = Directory.CreateTempSubdirectory("partnerportal-backup-").FullName;
        var file = Path.Combine(folder, "portal.backup");
        var acknowledged = new System.Collections.Concurrent.ConcurrentQueue<(string Name, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = $"Backup set {i:000}";
                var saved = await Fixture.SendAsync(new PermissionSetsModel.Save { HubId = Personas.HarborCoffee, Name = name, Permissions = [Permission.ViewRecords] }, Personas.ClientSuperAdmin);
                Assert.True(saved.Succeeded, saved.Message);
                acknowledged.Enqueue((name, DateTimeOffset.UtcNow));
                await Task.Delay(50); // about twenty a second
            }
        });
        // Fifteen writes acknowledged first (by count, not by time: a loaded machine writes fewer a second), then the
        // backup while they go on, then five more after it.
        while (acknowledged.Count < 15 && !writer.IsCompleted) await Task.Delay(20);
        var began = DateTimeOffset.UtcNow;
        var (code, output) = await RunAsync("backup", file);
        var after = acknowledged.Count;
        while (acknowledged.Count < after + 5 && !writer.IsCompleted) await Task.Delay(20);
        await stop.CancelAsync();
        await writer;
        Assert.Equal(0, code);
        Assert.Equal((1, $"{file} exists already: give a new file name (a backup never overwrites one)."), await RunAsync("backup", file));

        var before = acknowledged.Where(a => a.At < began).Select(a => a.Name).ToList();
        Assert.True(before.Count >= 15, $"{before.Count} writes before the backup");
        var (restoredTo, cleanUp) = await EmptyPlaceAsync(database, folder);
        try
        {
            var restored = await Backups.RestoreAsync(restoredTo, file, CancellationToken.None);
            Assert.StartsWith("Restored ", restored, StringComparison.Ordinal);
            await using var db = new PortalDb(DatabaseSetup.OptionsFor(restoredTo.Provider, restoredTo.ConnectionString));
            var names = await db.PermissionSets.Where(s => s.AccountHubId == Personas.HarborCoffee && s.Name.StartsWith("Backup set ")).Select(s => s.Name).ToListAsync();
            Assert.Empty(before.Except(names)); // nothing acknowledged before the backup began is lost
            Assert.True(await db.Accounts.AnyAsync(a => a.HubId == Personas.Brightwave));
            // Restore goes into an empty place only.
            await Assert.ThrowsAsync<BackupException>(() => Backups.RestoreAsync(restoredTo, file, CancellationToken.None));
        }
        finally
        {
            await cleanUp();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A new, empty database of the suite's kind: a file beside the backup, or a new PostgreSQL database on the same server.</summary>
    private static async Task<(DatabaseLocation Location, Func<Task> CleanUp)> EmptyPlaceAsync(DatabaseLocation like, string folder)
    {
        if (like.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(folder, "restored.db");
            return (new DatabaseLocation(DatabaseProvider.Sqlite, $"Data Source={file}"), () =>
            {
                SqliteConnection.ClearAllPools();
                return Task.CompletedTask;
            });
        }
        var name = $"restored_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(like.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var target = new NpgsqlConnectionStringBuilder(like.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        return (new DatabaseLocation(DatabaseProvider.Postgres, target), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
