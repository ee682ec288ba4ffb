using Microsoft.EntityFrameworkCore;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>What every command goes through: validation first, then one transaction.</summary>
public sealed class PipelineTests(PortalFixture fixture) : PortalTest(fixture)
{
    private Task<int> ProbeEntriesAsync() => Fixture.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Probe"));

    [Fact]
    public async Task A_command_that_succeeds_is_committed()
    {
        var result = await Fixture.SendAsync(new ProbeCommands.Probe(Personas.HarborCoffee, "kept", Refuse: false), Personas.ClientSuperAdmin);

        Assert.True(result.Succeeded);
        Assert.Equal(1, await ProbeEntriesAsync());
    }

    [Fact]
    public async Task A_refused_command_changes_nothing_even_what_it_already_saved()
    {
        var result = await Fixture.SendAsync(new ProbeCommands.Probe(Personas.HarborCoffee, "rolled back", Refuse: true), Personas.ClientSuperAdmin);

        Assert.Equal(ResultStatus.Refused, result.Status);
        Assert.Equal("The probe was refused.", result.Message);
        Assert.Equal(0, await ProbeEntriesAsync());
    }

    [Fact]
    public async Task Invalid_input_never_reaches_the_handler_and_names_the_field()
    {
        var result = await Fixture.SendAsync(new ProbeCommands.Probe(Personas.HarborCoffee, "", Refuse: false), Personas.ClientSuperAdmin);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        var failure = Assert.Single(result.Errors);
        Assert.Equal(new FieldError("Subject", "Say what the probe is about."), failure);
        Assert.Equal(0, await ProbeEntriesAsync());
    }

    [Fact]
    public async Task Every_command_that_loses_a_race_is_run_again_without_declaring_it()
    {
        Fixture.Service<ProbeCommands.RaceCounter>().Attempts = 0;

        var result = await Fixture.SendAsync(new ProbeCommands.RacingProbe(Personas.HarborCoffee, Losses: 2), Personas.ClientSuperAdmin);

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Value); // two lost races, then the save
        Assert.Equal(1, await ProbeEntriesAsync()); // the lost attempts left nothing behind
    }

    [Fact]
    public async Task A_command_that_opts_out_of_the_retry_is_not_run_again()
    {
        Fixture.Service<ProbeCommands.RaceCounter>().Attempts = 0;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            Fixture.SendAsync(new ProbeCommands.UnretriedRacingProbe(Personas.HarborCoffee, Losses: 1), Personas.ClientSuperAdmin));
        Assert.Equal(1, Fixture.Service<ProbeCommands.RaceCounter>().Attempts);
    }

    [Fact]
    public void Convention_every_command_of_the_app_is_retried_on_conflict_unless_it_says_why_not()
    {
        var commands = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(commands);
        var optedOut = commands.Where(t => t.IsDefined(typeof(NotRetriedOnConflictAttribute), false)).ToList();
        Assert.All(optedOut, t => Assert.False(string.IsNullOrWhiteSpace(
            ((NotRetriedOnConflictAttribute)Attribute.GetCustomAttribute(t, typeof(NotRetriedOnConflictAttribute))!).Why)));
        // The partner's and the client's Security commands both change a row with a concurrency token (issue 22, defect 11).
        Assert.DoesNotContain(typeof(Pages.Settings.SecurityModel.Command), optedOut);
        Assert.Empty(optedOut); // none needs to opt out today: each new one is a decision to write down
    }
}
