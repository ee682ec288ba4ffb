using PartnerPortal.Testing;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>A page's cost does not grow with the agency: a fixed number of SQL statements per request (issue 8).</summary>
public sealed class StatementBudgetTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    [Fact]
    public async Task Every_page_a_partner_admin_opens_sends_at_most_six_statements()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var counter = Fixture.Service<StatementCounter>();
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);
        var farah = await Fixture.UserIdAsync(Personas.Farah);
        var pages = new[]
        {
            "/", "/accounts", "/accounts?q=harbor&p=1", $"/{Personas.Brightwave}/home", Cam, $"{Cam}?filtered=true&types=all", $"{Cam}/access-link", $"{Cam}/access-link?employee={emma}",
            $"{Cam}/employees", $"{Cam}/employees/{farah}", $"{Cam}/employees/{emma}/link-clients", $"{Cam}/employees/{farah}/remove-from-clients",
            $"{Cam}/clients/{Personas.HarborCoffee}", $"{Cam}/clients/{Personas.HarborCoffee}/add-employees",
            $"{Cam}/clients/{Personas.HarborCoffee}/employees/{emma}/permission-set", $"{Cam}/clients/{Personas.NordicOutdoor}/change-to-partner-admin",
            $"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}", $"{Cam}/receipts/{Guid.NewGuid()}", "/sign-out", "/error/404",
            $"/{Personas.Brightwave}/settings/users", $"/{Personas.Brightwave}/settings/users?q=brightwave", $"/{Personas.Brightwave}/settings/users/{farah}?tab=partner-program",
            $"/{Personas.Brightwave}/settings/partner-email-domains",
        };
        var over = new List<string>();
        foreach (var page in pages)
        {
            counter.Clear();
            (await ava.GetAsync(page)).Dispose();
            var count = counter.Statements.Count;
            output.WriteLine($"{count,2}  {page}");
            if (count > 6) over.Add($"{page}: {count}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", counter.Statements.Select(s => s.ReplaceLineEndings(" ")[..Math.Min(160, s.Length)]))}");
        }
        Assert.True(over.Count == 0, string.Join(Environment.NewLine, over));
    }
}
