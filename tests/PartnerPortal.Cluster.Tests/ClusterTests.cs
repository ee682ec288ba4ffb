using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using Xunit.Abstractions;

namespace PartnerPortal.Cluster.Tests;

/// <summary>Several instances on one database (issue 8): what one instance does holds on the others, and jobs run once.</summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sign_in_through_nginx_and_every_instance_knows_the_session()
    {
        using var browser = new Browser();
        await browser.SignInAsync(Cluster.Balancer, Cluster.Ava);

        foreach (var instance in Cluster.Instances)
        {
            var (status, page) = await browser.PageAsync(instance, $"/{Cluster.Brightwave}/partner/dashboard");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Dashboard", page.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains("Brightwave Digital", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// R26, issue 22 defect 14: the app's own Excel template, uploaded to a real instance (a process of its own, as in production: the
    /// test host registers code pages that the app itself must register), is read and judged — never the 500 page.
    /// </summary>
    [Fact]
    public async Task R26_the_apps_own_Excel_template_uploaded_to_a_running_instance_is_read_not_an_error()
    {
        using var browser = new Browser();
        await browser.SignInAsync(Cluster.Instances[0], Cluster.Ava);
        var upload = $"/{Cluster.Brightwave}/partner/partner-access/upload";
        using var template = await browser.GetAsync(Cluster.Instances[0], $"{upload}?handler=Template&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var (_, form) = await browser.PageAsync(Cluster.Instances[0], upload);

        using var response = await browser.PostFileAsync(Cluster.Instances[0], upload, Browser.TokenOf(form), "file", "partner-access-requests.xlsx",
            await template.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("has its header but no rows", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_rendered_by_one_instance_is_accepted_by_another()
    {
        using var browser = new Browser();
        await browser.SignInAsync(Cluster.Instances[0], Cluster.Ava);
        var path = $"/{Cluster.Brightwave}/partner/client-access-manager/clients/{Cluster.HarborCoffee}/add-employees";
        var (_, form) = await browser.PageAsync(Cluster.Instances[0], $"{path}?q=hana");
        var hana = form.QuerySelectorAll("input[name='Data.EmployeeIds']").Single(i => form.QuerySelector($"label[for='{i.Id}']")!.TextContent.Contains("Hana Sato", StringComparison.Ordinal));
        var marketing = form.QuerySelectorAll("#permission-set option").Single(o => o.TextContent == "Marketing").GetAttribute("value")!;

        using var response = await browser.PostAsync(Cluster.Instances[1], path,
            [new("Data.EmployeeIds", hana.GetAttribute("value")!), new("Data.PermissionSetId", marketing), new("__RequestVerificationToken", Browser.TokenOf(form))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, details) = await browser.PageAsync(Cluster.Instances[2], response.Headers.Location!.OriginalString);
        Assert.Contains("Hana Sato", details.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ending_job_on_three_instances_ends_each_due_relationship_once()
    {
        const int count = 300;
        var now = DateTimeOffset.UtcNow;
        var partnerHubId = 77_000_000 + (now.ToUnixTimeSeconds() % 1_000_000 * 1000);
        await using (var db = Cluster.OpenDatabase())
        {
            var partner = Account.CreatePartner(partnerHubId, $"Cluster Agency {partnerHubId}");
            db.Accounts.Add(partner);
            for (var i = 1; i <= count; i++)
            {
                db.Accounts.Add(Account.CreateClient(partnerHubId + i, $"Cluster Client {i}"));
                var relationship = PartnerClientRelationship.StartActive(partnerHubId, partnerHubId + i, now.AddDays(-200));
                relationship.StartEnding(now.AddDays(-100), now.AddDays(-90)); // ended 40 days ago: due
                ((IHasDomainEvents)relationship).ClearDomainEvents();
                db.Relationships.Add(relationship);
            }
            ((IHasDomainEvents)partner).ClearDomainEvents();
            await db.SaveChangesAsync();
        }

        await WaitUntilAsync(async () =>
        {
            await using var db = Cluster.OpenDatabase();
            return await db.Relationships.CountAsync(r => r.PartnerHubId == partnerHubId && r.State == RelationshipState.Ended) == count;
        }, TimeSpan.FromSeconds(60));

        await Task.Delay(TimeSpan.FromSeconds(3)); // another round of every instance's job: nothing more may happen
        await using var check = Cluster.OpenDatabase();
        var audits = await check.AuditEntries.Where(a => a.PartnerHubId == partnerHubId && a.Action == AuditActions.RelationshipEnded).GroupBy(a => a.AccountHubId)
            .Select(g => g.Count()).ToListAsync();
        Assert.Equal(count, audits.Count);
        Assert.All(audits, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Mail_queued_once_is_sent_once_by_three_instances()
    {
        const int count = 60;
        var batch = Guid.NewGuid().ToString("N")[..8];
        await using (var db = Cluster.OpenDatabase())
        {
            for (var i = 0; i < count; i++) db.Outbox.Add(new OutboxMessage($"someone{i}@example.test", $"Cluster {batch} #{i:00}", "Hello", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await WaitUntilAsync(async () =>
        {
            await using var db = Cluster.OpenDatabase();
            return await db.Outbox.CountAsync(m => m.Subject.StartsWith($"Cluster {batch}") && m.SentAt == null) == 0;
        }, TimeSpan.FromSeconds(60));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var subjects = Directory.GetFiles(Cluster.MailFolder, "*.eml").Select(File.ReadAllText)
            .Select(text => System.Text.RegularExpressions.Regex.Match(text, $@"Cluster {batch} #\d\d").Value).Where(s => s.Length > 0).ToList();
        Assert.Equal(count, subjects.Count);
        Assert.Equal(count, subjects.Distinct().Count());
    }

    [Fact]
    public async Task A_database_outage_answers_503_never_500_and_the_instances_recover_without_a_restart()
    {
        using var browser = new Browser();
        await browser.SignInAsync(Cluster.Balancer, Cluster.Ava);
        var page = $"/{Cluster.Brightwave}/partner/client-access-manager";
        var statuses = new ConcurrentBag<(string Phase, string Path, int Status)>();
        var phase = "before";
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var path = worker % 2 == 0 ? page : "/health/ready";
                try
                {
                    using var response = await browser.GetAsync(Cluster.Balancer, path);
                    statuses.Add((phase, path, (int)response.StatusCode));
                }
                catch (HttpRequestException)
                {
                    statuses.Add((phase, path, 0));
                }
                await Task.Delay(100);
            }
        })));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await Cluster.RunScriptAsync("PARTNERPORTAL_PG_STOP_SCRIPT");
        phase = "outage";
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await Cluster.RunScriptAsync("PARTNERPORTAL_PG_START_SCRIPT");
        }
        phase = "recovering";
        foreach (var instance in Cluster.Instances)
            await WaitUntilAsync(async () => (await browser.GetAsync(instance, "/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        phase = "after";
        await Task.Delay(TimeSpan.FromSeconds(5));
        stop.Cancel();
        await load;

        foreach (var group in statuses.GroupBy(s => (s.Phase, s.Path, s.Status)).OrderBy(g => g.Key.Phase))
            output.WriteLine($"{group.Key.Phase,-10} {group.Key.Path,-50} {group.Key.Status}: {group.Count()}");
        Assert.DoesNotContain(statuses, s => s.Status == 500);
        Assert.Contains(statuses, s => s.Phase == "outage" && s.Path == "/health/ready" && s.Status == 503);
        Assert.Contains(statuses, s => s.Phase == "outage" && s.Path == page && s.Status == 503);
        var after = statuses.Where(s => s.Phase == "after").ToList();
        Assert.NotEmpty(after);
        Assert.All(after, s => Assert.Equal(200, s.Status));
        var (status, again) = await browser.PageAsync(Cluster.Balancer, page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Harbor Coffee Roasters", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await done()) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                // not up yet
            }
            await Task.Delay(500);
        }
        Assert.Fail($"Not done within {limit.TotalSeconds} s.");
    }
}
