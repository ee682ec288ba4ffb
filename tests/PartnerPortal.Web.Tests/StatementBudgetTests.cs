using PartnerPortal.Testing;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>A page's cost does not grow with the agency: a fixed number of SQL statements per request (issue 8).</summary>
public sealed class StatementBudgetTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";
    private static readonly string Dashboard = $"/{Personas.Brightwave}/partner/dashboard";
    private static readonly string Harbor = $"/{Personas.HarborCoffee}/client";

    /// <summary>
    /// Six statements a page, with the few the Partner dashboard needs more for, each the same whatever the agency's size:
    /// its overview with a search (the figures, with the managed MRR, are one statement read from the row PartnerFiguresKeeper
    /// keeps, the Ending soon list one, and a search counts its matches), an employee's panel and a client's page (the person or client, a count, the page, and its access and
    /// assignments), Remove Access (R17 shows R10's review: the relationship, the client's members and the activity), and a
    /// Client Access Manager employee panel (B5's stale flag).
    /// </summary>
    private static int BudgetOf(string page) => page switch
    {
        _ when page.EndsWith("/remove", StringComparison.Ordinal) && page.StartsWith(Dashboard, StringComparison.Ordinal) => 12,
        _ when page.StartsWith($"{Dashboard}/employees/", StringComparison.Ordinal) && !page.Contains("/assign", StringComparison.Ordinal) => 9,
        _ when page.StartsWith($"{Dashboard}/clients/", StringComparison.Ordinal) && page.Count(c => c == '/') == 5 => 9,
        _ when page.StartsWith($"{Dashboard}/clients/", StringComparison.Ordinal) => 7,
        _ when page == Dashboard => 6,
        // An employee's panel in the Client Access Manager (and Remove employee from clients over it): B5's stale flag reads
        // the page's clients' recent activity, one statement whatever the number of clients.
        _ when page.StartsWith($"{Cam}/employees/", StringComparison.Ordinal) && !page.EndsWith("/link-clients", StringComparison.Ordinal) => 7,
        _ when page.StartsWith(Dashboard + "?", StringComparison.Ordinal) => 8,
        _ => 6,
    };

    [Fact]
    public async Task Every_page_a_partner_admin_opens_sends_a_fixed_small_number_of_statements()
    {
        using var ava = await Fixture.SignedInAsync(Personas.PartnerSuperAdmin);
        var counter = Fixture.Service<StatementCounter>();
        var emma = await Fixture.UserIdAsync(Personas.OffDomainEmployee);
        var farah = await Fixture.UserIdAsync(Personas.Farah);
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        var pages = new[]
        {
            "/", "/accounts", "/accounts?q=harbor&p=1", $"/{Personas.Brightwave}/home", Cam, $"{Cam}?filtered=true&types=all", $"{Cam}/access-link", $"{Cam}/access-link?employee={emma}",
            $"{Cam}/employees", $"{Cam}/employees/{farah}", $"{Cam}/employees/{emma}/link-clients", $"{Cam}/employees/{farah}/remove-from-clients",
            $"{Cam}/clients/{Personas.HarborCoffee}", $"{Cam}/clients/{Personas.HarborCoffee}/add-employees",
            $"{Cam}/clients/{Personas.HarborCoffee}/employees/{emma}/permission-set", $"{Cam}/clients/{Personas.NordicOutdoor}/change-to-partner-admin",
            $"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}", $"{Cam}/receipts/{Guid.NewGuid()}", "/sign-out", "/error/404",
            $"/{Personas.Brightwave}/settings/users", $"/{Personas.Brightwave}/settings/users?q=brightwave", $"/{Personas.Brightwave}/settings/users/{farah}?tab=partner-program",
            $"/{Personas.Brightwave}/settings/partner-email-domains", $"/{Personas.Brightwave}/settings/security",
            Dashboard, $"{Dashboard}?q=harbor", $"{Dashboard}/employees", $"{Dashboard}/employees?q=sato", $"{Dashboard}/employees/{hana}",
            $"{Dashboard}/employees/{hana}/assign", $"{Dashboard}/employees/{hana}/assign?q=nordic", $"{Dashboard}/employees/{hana}/clients/{Personas.GreenleafDental}/remove",
            $"{Dashboard}/clients/{Personas.HarborCoffee}", $"{Dashboard}/clients/{Personas.HarborCoffee}/add-employee",
            $"{Dashboard}/clients/{Personas.HarborCoffee}/remove-access", $"{Dashboard}/offboarding-receipts", "/account/two-factor",
            // The client's own side, where Ava is Partner Admin, and the partner's pending client invitations.
            $"/{Personas.HarborCoffee}/home", $"{Harbor}/users", $"{Harbor}/users?q=tom", $"{Harbor}/users/create", $"{Harbor}/users/{emma}",
            $"{Harbor}/permission-sets", $"{Harbor}/partners", $"{Harbor}/partners/{Personas.Brightwave}/revoke", $"{Harbor}/partner-access",
            $"{Harbor}/partner-access?partner={Personas.Brightwave}", $"{Harbor}/billing", $"{Harbor}/security",
            $"/{Personas.Brightwave}/partner/client-invitations",
            // R25-R27: the partner's Partner Access requests; a request's conditions are judged in a constant number of statements.
            $"/{Personas.Brightwave}/partner/partner-access", $"/{Personas.Brightwave}/partner/partner-access?state=Submitted",
            $"/{Personas.Brightwave}/partner/partner-access/request", $"/{Personas.Brightwave}/partner/partner-access/request?q=harbor",
            $"/{Personas.Brightwave}/partner/partner-access/request?client={Personas.HarborCoffee}",
            $"/{Personas.Brightwave}/partner/partner-access/upload",
            // B1, B5, B6: the trails (with a filter that looks an email up), the access reviews, the notifications.
            $"/{Personas.Brightwave}/partner/audit-trail", $"/{Personas.Brightwave}/partner/audit-trail?who={Uri.EscapeDataString(Personas.PartnerSuperAdmin)}&action=Partner+employee+added",
            $"{Harbor}/audit-trail", $"/{Personas.Brightwave}/partner/access-reviews", "/notifications", "/notifications?unread=true", "/notifications/preferences",
            "/invitations", "/account/password",
        };
        var over = new List<string>();
        foreach (var page in pages)
        {
            counter.Clear();
            (await ava.GetAsync(page)).Dispose();
            var count = counter.Statements.Count;
            output.WriteLine($"{count,2}  {page}");
            if (count > BudgetOf(page)) over.Add($"{page}: {count}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", counter.Statements.Select(s => s.ReplaceLineEndings(" ")[..Math.Min(160, s.Length)]))}");
        }
        Assert.True(over.Count == 0, string.Join(Environment.NewLine, over));
    }

    [Fact]
    public async Task The_reviewers_queue_reads_its_page_and_every_conditions_facts_in_a_fixed_number_of_statements()
    {
        using var rita = await Fixture.SignedInAsync(Personas.Reviewer);
        var counter = Fixture.Service<StatementCounter>();
        foreach (var page in new[] { "/review/partner-access", "/review/partner-access?mine=true" })
        {
            counter.Clear();
            (await rita.GetAsync(page)).Dispose();
            output.WriteLine($"{counter.Statements.Count,2}  {page}");
            Assert.InRange(counter.Statements.Count, 1, 6);
        }
    }
}
