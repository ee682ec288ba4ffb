using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Pages.Partner.PartnerAccess;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Web.Tests;

/// <summary>Seed 003: Partner Access requests one by one and in bulk, the reviewers' queue and the partner's list (R25–R27).</summary>
public sealed class PartnerAccessRequestTests(PortalFixture fixture) : PortalTest(fixture)
{
    /// <summary>
    /// Agency services Cafe (2 paid Sales Hub seats), Free (none) and Peer Agency (a partner account serviced as a client); Kim
    /// is Partner Admin in Cafe and Free, Lou is an agency user with no access in Cafe; Rita reviews and is the agency's
    /// channel consultant; Far Agency's Fay services Cafe too. Una is a Cafe Super Admin.
    /// </summary>
    private sealed record World(long Agency, string Boss, string Kim, Guid KimId, string Lou, long Cafe, string CafeOwner, long Free, long Peer,
        string Rita, string Plain, long Far, string Fay, long Lonely);

    private Task<World> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Request Agency");
        var boss = w.Employee(agency, "Bo Request", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Request");
        var lou = w.Employee(agency, "Lou Request");
        var plain = w.Employee(agency, "Pia Plain");
        var rita = w.Reviewer("Rita Reviewer", agency);
        var cafe = w.Client("Cafe Paid", paidSalesHubSeats: 2);
        var free = w.Client("Free Tier");
        var peer = w.Partner("Peer Agency");
        w.Employee(peer, "Pete Peer", AccessType.SuperAdmin);
        var lonely = w.Client("Lonely Client", paidSalesHubSeats: 1);
        w.Services(agency, cafe);
        w.Services(agency, free);
        w.Services(agency, peer);
        w.Seat(cafe, agency, kim, AccessType.PartnerAdmin);
        w.Seat(free, agency, kim, AccessType.PartnerAdmin);
        var far = w.Partner("Far Agency");
        var fay = w.Employee(far, "Fay Far", AccessType.SuperAdmin);
        w.Services(far, cafe);
        w.Services(far, lonely);
        return new World(agency.HubId, boss.Email, kim.Email, kim.Id, lou.Email, cafe.HubId, WorldBuilder.OwnerOf(cafe).Email, free.HubId, peer.HubId,
            rita.Email, plain.Email, far.HubId, fay.Email, lonely.HubId);
    });

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static string RequestPage(World w) => $"/{w.Agency}/partner/partner-access/request";

    private Task<List<PartnerAccessRequest>> RequestsAsync(long partner) =>
        Fixture.InDbAsync(db => db.PartnerAccessRequests.AsNoTracking().Where(r => r.PartnerHubId == partner).OrderBy(r => r.Id).ToListAsync());

    [Fact]
    public async Task R25_the_request_page_shows_every_condition_by_name_and_a_request_is_submitted_only_when_all_hold()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);

        var met = await BrowserLikeClient.ParseAsync(await boss.GetAsync($"{RequestPage(w)}?client={w.Cafe}&user={w.Kim}"));
        var conditions = met.QuerySelectorAll("[data-condition]").ToDictionary(e => e.GetAttribute("data-condition")!, e => e.GetAttribute("data-met"));
        Assert.Equal(["Admin in the client account", "User of the partner account", "Paid Sales Hub or Service Hub seat", "Client is not a partner account"], conditions.Keys);
        Assert.All(conditions.Values, v => Assert.Equal("yes", v));
        Assert.NotNull(met.QuerySelector("[data-testid=sales-email-warning]"));
        Assert.Contains("Submit request", met.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Each condition by itself: no paid seat, not an admin there, a partner account as the client — each named with how to meet it.
        foreach (var (client, user, unmet, how) in new[]
                 {
                     (w.Free, w.Kim, "Paid Sales Hub or Service Hub seat", "only for paying clients"),
                     (w.Cafe, w.Lou, "Admin in the client account", "ask the client to approve your access link"),
                     (w.Peer, w.Boss, "Client is not a partner account", "cannot be requested for a partner account"),
                 })
        {
            var page = await BrowserLikeClient.ParseAsync(await boss.GetAsync($"{RequestPage(w)}?client={client}&user={Uri.EscapeDataString(user)}"));
            var failing = page.QuerySelector($"[data-condition='{unmet}']")!;
            Assert.Equal("no", failing.GetAttribute("data-met"));
            Assert.Contains(how, failing.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Submit request", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            // Posted anyway, the command judges again: refused by name, nothing made.
            var refused = await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{client}"), F("user", user)]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(unmet, (await BrowserLikeClient.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }
        // A client the agency does not service (Far Agency's) is not one to request for, and nothing of it is told.
        var foreign = await BrowserLikeClient.ParseAsync(await boss.GetAsync($"{RequestPage(w)}?client={w.Lonely}&user={w.Kim}"));
        Assert.Contains("is not a client Request Agency services", foreign.QuerySelector("[data-testid=invalid]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Lonely", foreign.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await RequestsAsync(w.Agency));

        var submitted = await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim)]);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var request = Assert.Single(await RequestsAsync(w.Agency));
        Assert.Equal((w.Cafe, w.KimId, PartnerAccessRequestState.Submitted), (request.ClientHubId, request.ForUserId, request.State));
        var calendar = Fixture.Service<Microsoft.Extensions.Options.IOptions<PartnerAccessOptions>>().Value;
        Assert.Equal(PartnerAccessRequest.ExpectedDecisionOn(request.SubmittedAt, calendar.HolidaysAround(request.SubmittedAt)), request.DecisionDueOn);

        // One open request per (client, user).
        var again = await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim.ToUpperInvariant())]);
        Assert.Contains("already has an open request", (await BrowserLikeClient.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await RequestsAsync(w.Agency));

        // R27: the partner sees it with its state and expected decision date.
        var list = await BrowserLikeClient.ParseAsync(await boss.GetAsync($"/{w.Agency}/partner/partner-access"));
        var row = list.QuerySelector($"#request-{request.Id}")!;
        Assert.Equal("Submitted", row.GetAttribute("data-state"));
        Assert.Contains($"Expected by {Submissions.Day(request.DecisionDueOn)}", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R27_submitting_tells_the_clients_primary_admin_and_the_partners_channel_consultant()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim)])).StatusCode);

        var mail = await Fixture.DeliveredMailAsync();
        Assert.Contains(mail, m => m.Contains(w.CafeOwner, StringComparison.Ordinal) && m.Contains("Request Agency asked for Partner Access in Cafe Paid", StringComparison.Ordinal)
                                    && m.Contains("Kim Request", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.Contains(w.Rita, StringComparison.Ordinal) && m.Contains("Kim Request in Cafe Paid", StringComparison.Ordinal)
                                    && m.Contains("/review/partner-access", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R27_a_reviewer_approves_one_request_which_gives_Partner_Access_on_no_paid_seat_shown_to_the_client_and_rejects_another_with_a_reason()
    {
        var w = await BuildAsync();
        using (var boss = await Fixture.SignedInAsync(w.Boss))
        {
            await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim)]);
            await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Boss)]); // refused: Bo is no admin in Cafe
        }
        var request = Assert.Single(await RequestsAsync(w.Agency));
        using var rita = await Fixture.SignedInAsync(w.Rita);
        var queue = await BrowserLikeClient.ParseAsync(await rita.GetAsync("/review/partner-access"));
        Assert.Contains("Kim Request", queue.QuerySelector($"#request-{request.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.All(queue.QuerySelectorAll($"#request-{request.Id} [data-condition]"), c => Assert.Equal("yes", c.GetAttribute("data-met")));

        Assert.Equal(HttpStatusCode.Redirect, (await rita.PostCraftedAsync("/review/partner-access?handler=Approve", [F("request", $"{request.Id}")])).StatusCode);
        var kim = await Fixture.InDbAsync(db => db.Memberships.AsNoTracking().SingleAsync(m => m.AccountHubId == w.Cafe && m.UserId == w.KimId));
        Assert.NotNull(kim.PartnerAccessSince);
        Assert.Equal(SeatType.Partner, kim.Seat); // no paid seat used
        Assert.Equal(PartnerAccessRequestState.Approved, (await RequestsAsync(w.Agency))[0].State);
        // Shown to the client: Users & Teams and the ledger.
        using (var owner = await Fixture.SignedInAsync(w.CafeOwner))
        {
            Assert.Contains("Partner seat + Partner Access", (await BrowserLikeClient.ParseAsync(await owner.GetAsync($"/{w.Cafe}/client/users"))).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("Partner seat + Partner Access", (await BrowserLikeClient.ParseAsync(await owner.GetAsync($"/{w.Cafe}/client/partner-access"))).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("using none of your paid seats", (await BrowserLikeClient.ParseAsync(await owner.GetAsync($"/{w.Cafe}/client/users/{w.KimId}"))).QuerySelector("[data-testid=seat]")!.TextContent, StringComparison.Ordinal);
        }
        Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.AccountHubId == w.Cafe && e.Action == AuditActions.PartnerAccessGranted)));
        var mail = await Fixture.DeliveredMailAsync();
        Assert.Contains(mail, m => m.Contains(w.Kim, StringComparison.Ordinal) && m.Contains("Partner Access approved in Cafe Paid", StringComparison.Ordinal)
                                    && m.Contains("sales email integration", StringComparison.Ordinal));
        // Approved twice: refused, nothing more.
        var twice = await rita.PostCraftedAsync("/review/partner-access?handler=Approve", [F("request", $"{request.Id}")]);
        Assert.Contains("already approved", (await BrowserLikeClient.ParseAsync(twice)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // A second request (Kim in Free has no paid seat: the client buys seats after the request, then drops them again).
        await Fixture.InDbAsync(async db =>
        {
            var free = await db.Accounts.SingleAsync(a => a.HubId == w.Free);
            free.SetRevenue(100m, 1, 0);
            return await db.SaveChangesAsync();
        });
        using (var boss = await Fixture.SignedInAsync(w.Boss))
            Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Free}"), F("user", w.Kim)])).StatusCode);
        await Fixture.InDbAsync(async db =>
        {
            var free = await db.Accounts.SingleAsync(a => a.HubId == w.Free);
            free.SetRevenue(100m, 0, 0);
            return await db.SaveChangesAsync();
        });
        var second = (await RequestsAsync(w.Agency))[1];
        queue = await BrowserLikeClient.ParseAsync(await rita.GetAsync("/review/partner-access"));
        Assert.Equal("no", queue.QuerySelector($"#request-{second.Id} [data-condition='Paid Sales Hub or Service Hub seat']")!.GetAttribute("data-met"));
        var approve = await rita.PostCraftedAsync("/review/partner-access?handler=Approve", [F("request", $"{second.Id}")]);
        Assert.Contains("No longer met: Paid Sales Hub or Service Hub seat", (await BrowserLikeClient.ParseAsync(approve)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var noReason = await rita.PostCraftedAsync("/review/partner-access?handler=Reject", [F("request", $"{second.Id}"), F("reason", " ")]);
        Assert.Contains("Give the reason", (await BrowserLikeClient.ParseAsync(noReason)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PartnerAccessRequestState.Submitted, (await RequestsAsync(w.Agency))[1].State);
        Assert.Equal(HttpStatusCode.Redirect,
            (await rita.PostCraftedAsync("/review/partner-access?handler=Reject", [F("request", $"{second.Id}"), F("reason", "Free Tier has no paid seat.")])).StatusCode);

        using var bossAgain = await Fixture.SignedInAsync(w.Boss);
        var list = await BrowserLikeClient.ParseAsync(await bossAgain.GetAsync($"/{w.Agency}/partner/partner-access"));
        Assert.Equal("Rejected", list.QuerySelector($"#request-{second.Id}")!.GetAttribute("data-state"));
        Assert.Contains("Reason: Free Tier has no paid seat.", list.QuerySelector($"#request-{second.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector($"#request-{request.Id} [data-testid=sales-email-warning]"));
        Assert.Null(await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == w.Free && m.UserId == w.KimId).Select(m => m.PartnerAccessSince).SingleAsync()));
    }

    [Fact]
    public async Task R27_the_partner_withdraws_a_pending_request_which_then_cannot_be_decided_and_may_be_made_again()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim)]);
        var request = Assert.Single(await RequestsAsync(w.Agency));

        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync($"/{w.Agency}/partner/partner-access?handler=Withdraw", [F("request", $"{request.Id}")])).StatusCode);
        Assert.Equal(PartnerAccessRequestState.Withdrawn, (await RequestsAsync(w.Agency))[0].State);
        using var rita = await Fixture.SignedInAsync(w.Rita);
        var late = await rita.PostCraftedAsync("/review/partner-access?handler=Approve", [F("request", $"{request.Id}")]);
        Assert.Contains("already withdrawn", (await BrowserLikeClient.ParseAsync(late)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim)])).StatusCode);
        Assert.Equal(2, (await RequestsAsync(w.Agency)).Count);

        // Another partner's request is not found, for withdrawing as for anything else.
        using var fay = await Fixture.SignedInAsync(w.Fay);
        Assert.Equal(HttpStatusCode.NotFound, (await fay.PostCraftedAsync($"/{w.Far}/partner/partner-access?handler=Withdraw", [F("request", $"{request.Id}")])).StatusCode);
    }

    [Fact]
    public async Task R26_twenty_identical_requests_at_once_make_exactly_one_open_request()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        var token = await boss.AntiforgeryTokenAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await boss.PostRawAsync(RequestPage(w), [F("client", $"{w.Cafe}"), F("user", w.Kim), F("__RequestVerificationToken", token)]);
            return response.StatusCode;
        }));
        Assert.DoesNotContain(answers, s => (int)s >= 500);
        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.Redirect));
        Assert.Single(await RequestsAsync(w.Agency));
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private static string Upload(World w) => $"/{w.Agency}/partner/partner-access/upload";

    [Fact]
    public async Task R26_a_bulk_file_gives_every_row_its_own_result_in_a_table_and_as_CSV_with_columns_in_any_order()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        var file = string.Join("\r\n",
            "user EMAIL,Note,hub id",
            $"{w.Kim},ok,{w.Cafe}",                      // 2 submitted
            $"{w.Kim},no paid seat,{w.Free}",             // 3 refused: Paid Sales Hub or Service Hub seat
            $"{w.Lou},not admin,{w.Cafe}",                // 4 refused: Admin in the client account
            $"{w.Kim},typo,12ab",                         // 5 invalid Hub ID
            $"nobody@nowhere.test,unknown,{w.Cafe}",      // 6 invalid: not in the user list
            $"{w.Kim.ToUpperInvariant()},dup,{w.Cafe}",   // 7 invalid: duplicate of row 2
            $"{w.Kim},not ours,{w.Lonely}",               // 8 invalid: not serviced
            ",,",                                         // blank: skipped
            $"{w.Boss},partner,{w.Peer}");                // 10 refused: a partner account (and Bo is admin there? no: also not admin)
        var response = await boss.PostFileAsync(Upload(w), "file", "requests.csv", Csv(file), "text/csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var resultUrl = BrowserLikeClient.LocationOf(response);

        var page = await BrowserLikeClient.ParseAsync(await boss.GetAsync(resultUrl));
        var results = page.QuerySelectorAll("tr[data-row]").ToDictionary(r => r.GetAttribute("data-row")!, r => (Result: r.GetAttribute("data-result")!, Text: r.TextContent));
        Assert.Equal(["2", "3", "4", "5", "6", "7", "8", "10"], results.Keys);
        Assert.Equal("Submitted", results["2"].Result);
        Assert.Equal("Refused", results["3"].Result);
        Assert.Contains("Paid Sales Hub or Service Hub seat", results["3"].Text, StringComparison.Ordinal);
        Assert.Contains("Admin in the client account", results["4"].Text, StringComparison.Ordinal);
        Assert.Equal("Invalid", results["5"].Result);
        Assert.Contains("not a Hub ID", results["5"].Text, StringComparison.Ordinal);
        Assert.Contains("user list", results["6"].Text, StringComparison.Ordinal);
        Assert.Contains("same Hub ID and email as row 2", results["7"].Text, StringComparison.Ordinal);
        Assert.Contains("is not a client Request Agency services", results["8"].Text, StringComparison.Ordinal);
        Assert.Contains("Client is not a partner account", results["10"].Text, StringComparison.Ordinal);
        Assert.Contains("1 submitted, 3 refused, 4 invalid", page.QuerySelector("[data-testid=upload-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await RequestsAsync(w.Agency));

        var csv = await (await boss.GetAsync(resultUrl + "?handler=Csv")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Row,Hub ID,User email,Result,Details", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith($"2,{w.Cafe},{w.Kim},Submitted,", lines[1], StringComparison.Ordinal);

        // The same file again: every row that was submitted now has an open request.
        var again = await boss.PostFileAsync(Upload(w), "file", "requests.csv", Csv(file), "text/csv");
        var second = await BrowserLikeClient.ParseAsync(await boss.GetAsync(BrowserLikeClient.LocationOf(again)));
        Assert.Contains("already has an open request", second.QuerySelector("tr[data-row='2']")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await RequestsAsync(w.Agency));

        // Another partner's upload is not found.
        using var fay = await Fixture.SignedInAsync(w.Fay);
        var foreign = resultUrl.Replace($"/{w.Agency}/", $"/{w.Far}/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fay.GetAsync(foreign)).StatusCode);
    }

    [Fact]
    public async Task R26_an_XLSX_file_made_from_the_template_is_read_like_a_CSV()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        var template = await (await boss.GetAsync($"{Upload(w)}?handler=Template&format=xlsx")).Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(template)))
            Assert.Contains("Hub ID", new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd(), StringComparison.Ordinal);
        Assert.Equal("Hub ID,User email", (await (await boss.GetAsync($"{Upload(w)}?handler=Template&format=csv")).Content.ReadAsStringAsync()).Trim());

        var xlsx = RequestFile.Xlsx([["Hub ID", "User email"], [$"{w.Cafe}", w.Kim], [$"{w.Free}", w.Kim]]);
        var response = await boss.PostFileAsync(Upload(w), "file", "requests.xlsx", xlsx);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await BrowserLikeClient.ParseAsync(await boss.GetAsync(BrowserLikeClient.LocationOf(response)));
        Assert.Equal(["Submitted", "Refused"], page.QuerySelectorAll("tr[data-row]").Select(r => r.GetAttribute("data-result")));
        Assert.Single(await RequestsAsync(w.Agency));
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "empty", "The file is empty" },
        { "header only", "has its header but no rows" },
        { "twenty megabytes", "a file may weigh at most 2 MB" },
        { "formula", "holds a formula" },
        { "xlsx formula", "The workbook holds formulas" },
        { "xlsx bomb", "unpacks to far more" },
        { "garbage xlsx", "not an Excel workbook" },
        { "zip as csv", "is not text" },
        { "binary csv", "is not text" },
        { "no labels", "must label the columns \"Hub ID\" and \"User email\"" },
        { "too many rows", "more than 5,000 rows" },
        { "exe", "Upload a .csv or an .xlsx file" },
        { "broken xlsx", "could not be read as an Excel workbook" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task R26_a_hostile_or_broken_file_gets_a_clear_message_and_changes_nothing(string kind, string message)
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        var (name, bytes) = kind switch
        {
            "empty" => ("empty.csv", Array.Empty<byte>()),
            "header only" => ("header.csv", Csv("Hub ID,User email\r\n")),
            "twenty megabytes" => ("big.csv", Csv("Hub ID,User email\r\n" + new string('1', 20 * 1024 * 1024))),
            "formula" => ("formula.csv", Csv($"Hub ID,User email\r\n{w.Cafe},{w.Kim}\r\n=HYPERLINK(\"http://evil.test\"),{w.Kim}\r\n")),
            "xlsx formula" => ("formula.xlsx", XlsxWithFormula()),
            "xlsx bomb" => ("bomb.xlsx", XlsxBomb()),
            "garbage xlsx" => ("garbage.xlsx", Csv("this is not a workbook")),
            "zip as csv" => ("requests.csv", RequestFile.Xlsx([["Hub ID", "User email"]])),
            "binary csv" => ("binary.csv", [0x48, 0x75, 0x00, 0x62, 0x00, 0xff, 0xfe]),
            "no labels" => ("nolabels.csv", Csv($"{w.Cafe},{w.Kim}\r\n")),
            "too many rows" => ("many.csv", Csv("Hub ID,User email\r\n" + string.Concat(Enumerable.Range(1, 5_001).Select(i => $"{i},u{i}@x.test\r\n")))),
            "exe" => ("tool.exe", Csv("MZ")),
            "broken xlsx" => ("broken.xlsx", BrokenXlsx()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var before = await Fixture.InDbAsync(async db => (await db.PartnerAccessRequests.CountAsync(), await db.PartnerAccessUploads.CountAsync(), await db.Outbox.CountAsync()));

        using var response = await boss.PostFileAsync(Upload(w), "file", name, bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await BrowserLikeClient.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Fixture.InDbAsync(async db => (await db.PartnerAccessRequests.CountAsync(), await db.PartnerAccessUploads.CountAsync(), await db.Outbox.CountAsync())));
    }

    /// <summary>A workbook whose second row's Hub ID is computed by a formula.</summary>
    private static byte[] XlsxWithFormula() => RewriteSheet(RequestFile.Xlsx([["Hub ID", "User email"], ["1", "a@b.test"]]),
        sheet => sheet.Replace("<c t=\"inlineStr\"><is><t>1</t></is></c>", "<c><f>SUM(1,2)</f><v>3</v></c>", StringComparison.Ordinal));

    /// <summary>A workbook whose sheet unpacks to 60 MB of blank rows from a few kilobytes.</summary>
    private static byte[] XlsxBomb() => RewriteSheet(RequestFile.Xlsx([["Hub ID", "User email"]]),
        sheet => sheet.Replace("</sheetData>", "</sheetData>" + new string(' ', 60 * 1024 * 1024), StringComparison.Ordinal));

    /// <summary>A zip with the workbook's name and none of its parts.</summary>
    private static byte[] BrokenXlsx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            writer.Write("no workbook here");
        return buffer.ToArray();
    }

    private static byte[] RewriteSheet(byte[] xlsx, Func<string, string> change)
    {
        using var source = new ZipArchive(new MemoryStream(xlsx));
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var text = new StreamReader(entry.Open()).ReadToEnd();
                if (entry.FullName == "xl/worksheets/sheet1.xml") text = change(text);
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task R26_a_file_costs_the_same_number_of_statements_whatever_its_number_of_rows()
    {
        var w = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(w.Boss);
        var counter = Fixture.Service<StatementCounter>();
        async Task<int> StatementsFor(int rows)
        {
            // Rows of every kind: one submitted, the rest refused or invalid (a file's own requests are one batch of inserts).
            var lines = new StringBuilder("Hub ID,User email\r\n");
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{w.Cafe},{w.Kim}\r\n");
            for (var i = 0; i < rows - 1; i++)
            {
                if (i % 2 == 0) lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{w.Free},kim{i}@nowhere.test\r\n");
                else lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{90_000_000 + i},{w.Lou}\r\n");
            }
            var token = await boss.AntiforgeryTokenAsync();
            counter.Clear();
            using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Csv(lines.ToString())), "file", "f.csv" } };
            using var response = await boss.Http.PostAsync(new Uri(Upload(w), UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return counter.Statements.Count;
        }
        var few = await StatementsFor(10);
        await Fixture.InDbAsync(db => db.PartnerAccessRequests.ExecuteDeleteAsync());
        var many = await StatementsFor(1_000);
        Assert.Equal(few, many);
        Assert.InRange(many, 1, 14);
    }

    [Fact]
    public async Task R27_only_reviewers_open_the_queue_and_a_reviewer_opens_no_account()
    {
        var w = await BuildAsync();
        using var rita = await Fixture.SignedInAsync(w.Rita);
        var start = await rita.GetAsync("/");
        Assert.Equal("/review/partner-access", BrowserLikeClient.LocationOf(start));
        foreach (var url in new[] { $"/{w.Agency}/partner/dashboard", $"/{w.Agency}/partner/partner-access", $"/{w.Cafe}/client/users", $"/{w.Cafe}/home" })
            Assert.Equal(HttpStatusCode.NotFound, (await rita.GetAsync(url)).StatusCode); // she is in none of them

        foreach (var email in new[] { w.Boss, w.CafeOwner, w.Plain })
        {
            using var someone = await Fixture.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await someone.GetAsync("/review/partner-access")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await someone.PostCraftedAsync("/review/partner-access?handler=Approve", [F("request", "1")])).StatusCode);
        }
        // A plain partner employee (no Client access manager) cannot request either.
        using var plain = await Fixture.SignedInAsync(w.Plain);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(RequestPage(w))).StatusCode);
    }

    [Fact]
    public async Task R27_the_operators_command_makes_reviewers_and_channel_consultants()
    {
        var w = await BuildAsync();
        async Task<(int Code, string Output)> RunAsync(string input, params string[] args)
        {
            using var output = new StringWriter();
            var code = await Infrastructure.Operators.RunAsync(Fixture.Factory.Services, args, new StringReader(input), output);
            return (code, output.ToString());
        }

        var added = await RunAsync("a long enough password\n", "reviewer", "add", "new.reviewer@platform.test", "New", "Reviewer");
        Assert.Equal(0, added.Code);
        using (var reviewer = await Fixture.SignedInAsync("new.reviewer@platform.test", "a long enough password"))
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/review/partner-access")).StatusCode);
        Assert.Equal(1, (await RunAsync("short\n", "reviewer", "add", "other.reviewer@platform.test")).Code); // too short a password: nobody made
        Assert.False(await Fixture.InDbAsync(db => db.DomainUsers.AnyAsync(u => u.Email == "other.reviewer@platform.test")));

        Assert.Equal(1, (await RunAsync("", "consultant", $"{w.Agency}", w.Kim)).Code); // not a reviewer
        Assert.Equal(0, (await RunAsync("", "consultant", $"{w.Agency}", "new.reviewer@platform.test")).Code);
        Assert.Contains("channel consultant of Request Agency", (await RunAsync("", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("", "reviewer", "remove", "new.reviewer@platform.test")).Code);
        Assert.Null(await Fixture.InDbAsync(db => db.Accounts.Where(a => a.HubId == w.Agency).Select(a => a.ChannelConsultantUserId).SingleAsync()));
        Assert.Equal(2, (await RunAsync("", "nonsense")).Code);
    }
}

/// <summary>R27: the expected decision date skips the public holidays configured for the instance.</summary>
public sealed class PartnerAccessHolidayTests
{
    [Fact]
    public void R27_the_shipped_calendar_skips_the_days_around_new_year_so_a_request_on_24_December_is_decided_on_the_30th()
    {
        var shipped = new PartnerAccessOptions();
        var christmasEve = new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero); // a Thursday

        Assert.Equal(new DateOnly(2026, 12, 30), PartnerAccessRequest.ExpectedDecisionOn(christmasEve, shipped.HolidaysAround(christmasEve)));
        Assert.Equal(new DateOnly(2027, 1, 6), PartnerAccessRequest.ExpectedDecisionOn(christmasEve.AddDays(6), shipped.HolidaysAround(christmasEve.AddDays(6))));
        Assert.Empty(new PartnerAccessOptions { Calendar = "None" }.HolidaysAround(christmasEve));
    }

    [Fact]
    public async Task R27_a_holiday_in_configuration_moves_the_expected_decision_date_by_a_business_day()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var holiday = BusinessDays.Add(today, 1);
        await using var app = new PortalFactory(TestDatabase.FromEnvironment("holidays"), settings: new Dictionary<string, string>
        {
            ["PartnerAccess:Holidays:0"] = holiday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerAccess:Calendar"] = "None", // the operator's own days only
        });
        try
        {
            using var ava = new BrowserLikeClient(app);
            await ava.SignInAsync(Personas.PartnerSuperAdmin);
            var posted = await ava.PostCraftedAsync($"/{Personas.Brightwave}/partner/partner-access/request",
                [new("client", $"{Personas.HarborCoffee}"), new("user", Personas.PartnerSuperAdmin)]);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.PortalDb>();
            var request = await db.PartnerAccessRequests.SingleAsync(r => r.ClientHubId == Personas.HarborCoffee);
            Assert.Equal(BusinessDays.Add(today, 4), request.DecisionDueOn);
            Assert.Equal(BusinessDays.Add(today, 3, new HashSet<DateOnly> { holiday }), request.DecisionDueOn);
        }
        finally
        {
            await app.Database.DisposeAsync();
        }
    }
}
