using System.Text;
using Microsoft.Playwright;
using PartnerPortal.Testing;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.Browser.Tests;

/// <summary>
/// Seed 003 clicked by its labels: a partner requests Partner Access for one client and uploads a file of requests; the
/// reviewer approves one and rejects another with a reason; the partner sees the decisions and the client sees Partner
/// Access in Users &amp; Teams (R25–R27).
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class PartnerAccessProcedures(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => browser.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seed003_a_partner_requests_Partner_Access_one_by_one_and_by_file_and_a_reviewer_approves_one_and_rejects_another()
    {
        // The partner: Partner → Partner Access requests → Request Partner Access; find the client, check the conditions, submit.
        var ava = await browser.NewPageAsync();
        await Steps.SignInAsync(ava, Personas.PartnerSuperAdmin);
        var menu = ava.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await menu.GetByRole(AriaRole.Button, new() { Name = "Partner", Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Partner Access requests" }).ClickAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Request Partner Access" }).ClickAsync();
        await ava.GetByLabel("Find a client you service").FillAsync("harbor");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Harbor Coffee Roasters" }).ClickAsync();
        await ava.GetByRole(AriaRole.Button, new() { Name = "Check the conditions" }).ClickAsync();
        var conditions = ava.GetByRole(AriaRole.List, new() { Name = "Conditions" });
        await Expect(conditions.Locator("[data-met=yes]")).ToHaveCountAsync(4);
        await Expect(ava.GetByTestId("sales-email-warning")).ToContainTextAsync("disconnect your sales email integration");
        await Steps.ScreenshotAsync(ava, "partner-access-request-check");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Submit request" }).ClickAsync();
        await Expect(ava.GetByRole(AriaRole.Status)).ToContainTextAsync("Submitted for Ava Patel in Harbor Coffee Roasters; decision expected by");
        await Expect(Steps.Row(ava, "Harbor Coffee Roasters")).ToContainTextAsync("Expected by");

        // A client without a paid seat: the condition is named, with how to meet it, and there is nothing to submit.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Request Partner Access" }).ClickAsync();
        await ava.GetByLabel("Client Hub ID").FillAsync($"{Personas.GreenleafDental}");
        await ava.GetByRole(AriaRole.Button, new() { Name = "Check the conditions" }).ClickAsync();
        await Expect(ava.Locator("[data-condition='Paid Sales Hub or Service Hub seat']")).ToContainTextAsync("Not met");
        await Expect(ava.GetByRole(AriaRole.Button, new() { Name = "Submit request" })).ToHaveCountAsync(0);

        // Bulk: Upload a file of requests, from the template's columns; every row gets its own result.
        await ava.GetByRole(AriaRole.Link, new() { Name = "Back to the Partner Access requests" }).ClickAsync();
        await ava.GetByRole(AriaRole.Link, new() { Name = "Upload a file of requests" }).ClickAsync();
        var file = $"Hub ID,User email\r\n{Personas.HarborCoffee},{Personas.ClientAccessManager}\r\n{Personas.GreenleafDental},{Personas.PartnerSuperAdmin}\r\n12x,{Personas.PartnerSuperAdmin}\r\n";
        await ava.GetByLabel("CSV or Excel file").SetInputFilesAsync(new FilePayload { Name = "requests.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file) });
        await ava.GetByRole(AriaRole.Button, new() { Name = "Upload and submit" }).ClickAsync();
        await Expect(ava.GetByTestId("upload-summary")).ToContainTextAsync("1 submitted, 1 refused, 1 invalid");
        await Expect(ava.Locator("tr[data-row='2']")).ToContainTextAsync("Submitted for Ben Carter in Harbor Coffee Roasters");
        await Expect(ava.Locator("tr[data-row='3']")).ToContainTextAsync("Paid Sales Hub or Service Hub seat");
        await Expect(ava.Locator("tr[data-row='4']")).ToContainTextAsync("not a Hub ID");
        await Steps.ScreenshotAsync(ava, "partner-access-upload-result");

        // The reviewer (Brightwave's channel consultant) lands on the queue: approves Ava's request, rejects Farah's with a reason.
        var rita = await browser.NewPageAsync();
        await Steps.SignInAsync(rita, Personas.Reviewer);
        await Expect(rita.GetByRole(AriaRole.Heading, new() { Name = "Partner Access reviews" })).ToBeVisibleAsync();
        await rita.GetByRole(AriaRole.Link, new() { Name = "Assigned to me" }).ClickAsync();
        var avas = rita.Locator("section", new() { HasText = "ava.patel@brightwave.io in Harbor Coffee Roasters" });
        await avas.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(rita.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved: Ava Patel now has Partner Access in Harbor Coffee Roasters");
        var farahs = rita.Locator("section", new() { HasText = "farah.khan@brightwave.io in Nordic Outdoor Gear" });
        await farahs.GetByLabel("Reason for rejecting").FillAsync("Nordic asked us to wait until its new contract starts.");
        await farahs.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(rita.GetByRole(AriaRole.Status)).ToContainTextAsync("Rejected: Farah Khan was told the reason.");

        // The partner sees both decisions, the warning with the approval.
        await ava.GotoAsync($"/{Personas.Brightwave}/partner/partner-access");
        await Expect(Steps.Row(ava, "ava.patel@brightwave.io")).ToContainTextAsync("Approved");
        await Expect(Steps.Row(ava, "ava.patel@brightwave.io").GetByTestId("sales-email-warning")).ToBeVisibleAsync();
        await Expect(Steps.Row(ava, "farah.khan@brightwave.io")).ToContainTextAsync("Reason: Nordic asked us to wait until its new contract starts.");

        // The client sees Partner Access, on no paid seat, in Users & Teams.
        var maria = await browser.NewPageAsync();
        await Steps.SignInAsync(maria, Personas.ClientSuperAdmin);
        await maria.GotoAsync($"/{Personas.HarborCoffee}/client/users");
        await Expect(Steps.Row(maria, "Ava Patel")).ToContainTextAsync("Partner seat + Partner Access");
    }
}
