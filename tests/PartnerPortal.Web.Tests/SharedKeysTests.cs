using System.Net;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>Several instances behind one load balancer: the data-protection keys are in the database they share.</summary>
public sealed class SharedKeysTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task A_form_rendered_by_one_instance_posts_to_another_and_a_link_sealed_by_one_opens_on_the_other()
    {
        await using var second = new PortalFactory(Fixture.Factory.Database); // a second app on the same database
        second.StartServer();
        var token = await Fixture.AccessLinkTokenAsync(Personas.Hana);
        using var onFirst = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);
        var (_, page) = await onFirst.GetPageAsync($"/access/{token}");
        var antiforgery = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The same browser (cookies and the form's token, all made by the first instance) now reaches the second.
        using var onSecond = new BrowserLikeClient(second, onFirst.CopyCookies());
        using var approved = await onSecond.PostRawAsync($"/access/{token}",
            [new("Data.ClientHubId", $"{Personas.HarborCoffee}"), new("__RequestVerificationToken", antiforgery)]);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var hana = await Fixture.UserIdAsync(Personas.Hana);
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == Personas.HarborCoffee && m.UserId == hana)));
        await using var scope = second.Services.CreateAsyncScope();
        var link = await scope.ServiceProvider.GetRequiredService<PortalDb>().AccessLinks.SingleAsync(l => l.EmployeeUserId == hana);
        Assert.Equal(token, scope.ServiceProvider.GetRequiredService<AccessLinkTokens>().Unseal(link));
        // Both instances in this test process could also share a key folder on disk; what makes it work on
        // separate machines is that the keys are in the database, and only there.
        var keyOptions = second.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        Assert.IsType<EntityFrameworkCoreXmlRepository<PortalDb>>(keyOptions.XmlRepository);
        Assert.True(await Fixture.InDbAsync(db => db.DataProtectionKeys.AnyAsync()));
    }
}
