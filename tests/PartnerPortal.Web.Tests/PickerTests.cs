using AngleSharp.Dom;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// R6, R8: the Employees and Clients pickers of Add employees and Link clients list a bounded number of choices,
/// search on the server, and keep what was ticked through a search.
/// </summary>
public sealed class PickerTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record PickerWorld(long Agency, long Client, string Boss, IReadOnlyList<(Guid Id, string Name)> Employees);

    /// <summary>An agency with 60 partner employees (Emp 01 … Emp 60) and one client where its Super Admin is Partner Admin.</summary>
    private Task<PickerWorld> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Picker Agency");
        var boss = w.Employee(agency, "Bea Boss", AccessType.SuperAdmin);
        var employees = Enumerable.Range(1, 60).Select(i => w.Employee(agency, $"Emp {i:00}")).ToList();
        var client = w.Client("Picked Client");
        w.Services(agency, client);
        w.Seat(client, agency, boss, AccessType.PartnerAdmin);
        return new PickerWorld(agency.HubId, client.HubId, boss.Email, employees.Select(e => (e.Id, e.Name)).ToList());
    });

    private static List<string> Choices(IDocument page) =>
        page.QuerySelectorAll("input[name='Data.EmployeeIds']").Select(i => page.QuerySelector($"label[for='{i.Id}']")!.ChildNodes[0].TextContent.Trim()).ToList();

    private static List<string> Ticked(IDocument page) =>
        page.QuerySelectorAll("input[name='Data.EmployeeIds']:checked").Select(i => page.QuerySelector($"label[for='{i.Id}']")!.ChildNodes[0].TextContent.Trim()).ToList();

    [Fact]
    public async Task R6_the_employees_picker_lists_at_most_50_and_says_to_search_for_the_others()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/clients/{world.Client}/add-employees";

        var (_, page) = await boss.GetPageAsync(url);
        Assert.Equal(Picker.Size, Choices(page).Count);
        Assert.Contains("search to find the others", page.QuerySelector("details.multiselect")!.TextContent, StringComparison.Ordinal);

        var (_, found) = await boss.GetPageAsync($"{url}?q=EMP+6");
        Assert.Equal(["Emp 60"], Choices(found));
        Assert.DoesNotContain("search to find the others", found.QuerySelector("details.multiselect")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R6_a_search_keeps_what_was_ticked_listed_first_and_ticked()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/clients/{world.Client}/add-employees";
        var emp02 = world.Employees.Single(e => e.Name == "Emp 02").Id;

        var (_, page) = await boss.GetPageAsync($"{url}?q=emp+59&selected={emp02}");
        Assert.Equal(["Emp 02", "Emp 59"], Choices(page));
        Assert.Equal(["Emp 02"], Ticked(page));
        Assert.Contains("1 selected", page.QuerySelector("details.multiselect summary")!.TextContent, StringComparison.Ordinal);

        // Someone who is not this partner's employee cannot be slipped into the list.
        var (_, forged) = await boss.GetPageAsync($"{url}?q=emp+59&selected={await Fixture.UserIdAsync(Personas.ClientSuperAdmin)}");
        Assert.Equal(["Emp 59"], Choices(forged));
    }

    [Fact]
    public async Task R7_the_employees_tab_is_paged_and_searched_by_name_or_email()
    {
        var world = await BuildAsync();
        using var boss = await Fixture.SignedInAsync(world.Boss);
        var url = $"/{world.Agency}/partner/client-access-manager/employees";
        static List<string> Names(IDocument page) =>
            page.QuerySelectorAll("table[aria-label=Employees] tbody tr td:first-child a").Select(a => a.TextContent).ToList();

        // 25 a page, as on the Clients tab; the pager's links keep the page size chosen.
        var (_, first) = await boss.GetPageAsync(url);
        Assert.Equal(25, Names(first).Count);
        Assert.Equal("Bea Boss", Names(first)[0]);
        Assert.Contains("Showing 1–25 of 61 employees", first.QuerySelector("[data-testid=employee-count]")!.TextContent, StringComparison.Ordinal);
        var (_, third) = await boss.GetPageAsync($"{url}?p=3");
        Assert.Equal(11, Names(third).Count);
        Assert.Equal("Emp 60", Names(third)[^1]);
        // A page past the end (however far) is the last page.
        var (farStatus, far) = await boss.GetPageAsync($"{url}?p={int.MaxValue}");
        Assert.Equal(System.Net.HttpStatusCode.OK, farStatus);
        Assert.Equal(Names(third), Names(far));
        var (_, fifty) = await boss.GetPageAsync($"{url}?size=50");
        Assert.Equal(50, Names(fifty).Count);
        var links = fifty.QuerySelectorAll("nav[aria-label='Employee pages'] a.page-link");
        var next = links[^1].GetAttribute("href")!;
        var (_, second) = await boss.GetPageAsync(url + next);
        Assert.Equal(11, Names(second).Count);
        var (_, badSize) = await boss.GetPageAsync($"{url}?size=100000");
        Assert.Contains("Show 10, 25, 50, 100 employees per page.", badSize.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(25, Names(badSize).Count);

        var (_, found) = await boss.GetPageAsync($"{url}?q=EMP+1");
        Assert.Equal(["Emp 10", "Emp 11", "Emp 12", "Emp 13", "Emp 14", "Emp 15", "Emp 16", "Emp 17", "Emp 18", "Emp 19"], Names(found));
        var (_, byEmail) = await boss.GetPageAsync($"{url}?q=bea.boss@");
        Assert.Equal(["Bea Boss"], Names(byEmail));

        var (status, bad) = await boss.GetPageAsync($"{url}?p=-3");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains("Pages are numbered from 1.", bad.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }
}
