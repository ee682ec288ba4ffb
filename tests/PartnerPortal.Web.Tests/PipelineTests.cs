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
}
