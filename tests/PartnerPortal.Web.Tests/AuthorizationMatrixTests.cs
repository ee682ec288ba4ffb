using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Every page of the app, every persona, the expected answer. A page the app serves that is not in
/// the matrix fails the test, so a new page cannot ship without deciding who may open it.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalFixture fixture) : PortalTest(fixture)
{
    public enum Persona { Anonymous, PartnerSuperAdmin, ClientAccessManager, PlainPartnerEmployee, ClientSuperAdmin, ClientUser, OtherPartner }

    private static readonly Dictionary<Persona, string?> Emails = new()
    {
        [Persona.Anonymous] = null,
        [Persona.PartnerSuperAdmin] = Personas.PartnerSuperAdmin,
        [Persona.ClientAccessManager] = Personas.ClientAccessManager,
        [Persona.PlainPartnerEmployee] = Personas.PlainPartnerEmployee,
        [Persona.ClientSuperAdmin] = Personas.ClientSuperAdmin,
        [Persona.ClientUser] = Personas.ClientUser,
        [Persona.OtherPartner] = Personas.OtherPartnerSuperAdmin,
    };

    private const int SignInRedirect = 1; // 302 to /sign-in
    private const int Redirect = 2;       // 302 elsewhere

    private static readonly string Cam = $"/{Personas.Brightwave}/partner/client-access-manager";

    /// <summary>Route template → the URL tried → expected answer per persona, in the order of <see cref="Persona"/>.</summary>
    private static readonly Dictionary<string, (string Url, int[] Expected)> Matrix = new()
    {
        ["/"] = ("/", [SignInRedirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect]),
        ["sign-in"] = ("/sign-in", [200, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect]),
        ["sign-out"] = ("/sign-out", [SignInRedirect, 200, 200, 200, 200, 200, 200]),
        ["error/{code:int?}"] = ("/error/404", [200, 200, 200, 200, 200, 200, 200]),
        ["{hubId:long}/home"] = ($"/{Personas.Brightwave}/home", [SignInRedirect, 200, 200, 200, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager"] = ($"{Cam}", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/access-link"] = ($"{Cam}/access-link?employee={{diego}}", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/employees"] = ($"{Cam}/employees", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/employees/{employeeId:guid}"] = ($"{Cam}/employees/{{diego}}", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/employees/{employeeId:guid}/link-clients"] = ($"{Cam}/employees/{{emma}}/link-clients", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/employees/{employeeId:guid}/remove-from-clients"] = ($"{Cam}/employees/{{emma}}/remove-from-clients", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/clients/{clientHubId:long}"] = ($"{Cam}/clients/{Personas.HarborCoffee}", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/clients/{clientHubId:long}/add-employees"] = ($"{Cam}/clients/{Personas.HarborCoffee}/add-employees", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/clients/{clientHubId:long}/employees/{employeeId:guid}/permission-set"] = ($"{Cam}/clients/{Personas.HarborCoffee}/employees/{{emma}}/permission-set", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["{hubId:long}/partner/client-access-manager/clients/{clientHubId:long}/change-to-partner-admin"] = ($"{Cam}/clients/{Personas.HarborCoffee}/change-to-partner-admin", [SignInRedirect, 200, 200, 403, 403, 403, 403]),
        ["access/{token}"] = ("/access/{token}", [SignInRedirect, 200, 200, 200, 200, 200, 200]),
    };

    [Fact]
    public void Every_page_the_app_serves_is_in_the_matrix()
    {
        var pages = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.OfType<object>().Any(m => m.GetType().Name == "PageRouteMetadata"))
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Select(t => t.Length == 0 ? "/" : t)
            .ToHashSet();

        Assert.NotEmpty(pages);
        Assert.Equal(Matrix.Keys.Order(), pages.Order());
    }

    public static TheoryData<string, Persona> Cases()
    {
        var data = new TheoryData<string, Persona>();
        foreach (var template in Matrix.Keys)
            foreach (var persona in Enum.GetValues<Persona>())
                data.Add(template, persona);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_persona_gets_the_expected_answer_on_each_page(string template, Persona persona)
    {
        var (pattern, expected) = Matrix[template];
        var url = await ResolveAsync(pattern);
        using var client = Fixture.CreateClient();
        if (Emails[persona] is { } email) await client.SignInAsync(email);

        using var response = await client.GetAsync(url);

        var want = expected[(int)persona];
        switch (want)
        {
            case SignInRedirect:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/sign-in", BrowserLikeClient.LocationOf(response), StringComparison.Ordinal);
                break;
            case Redirect:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.DoesNotContain("/sign-in", BrowserLikeClient.LocationOf(response), StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(want, (int)response.StatusCode);
                break;
        }
    }

    /// <summary>Ids and tokens of the demo world, which exist only at run time.</summary>
    private async Task<string> ResolveAsync(string url)
    {
        if (url.Contains("{diego}", StringComparison.Ordinal)) url = url.Replace("{diego}", (await Fixture.UserIdAsync(Personas.PlainPartnerEmployee)).ToString(), StringComparison.Ordinal);
        if (url.Contains("{emma}", StringComparison.Ordinal)) url = url.Replace("{emma}", (await Fixture.UserIdAsync(Personas.OffDomainEmployee)).ToString(), StringComparison.Ordinal);
        if (url.Contains("{token}", StringComparison.Ordinal)) url = url.Replace("{token}", await Fixture.AccessLinkTokenAsync(Personas.PartnerSuperAdmin), StringComparison.Ordinal);
        return url;
    }

    [Fact]
    public async Task Account_pages_of_a_client_are_open_to_its_members_only()
    {
        foreach (var (email, expected) in new[]
                 {
                     (Personas.ClientSuperAdmin, HttpStatusCode.OK),
                     (Personas.ClientUser, HttpStatusCode.OK),
                     (Personas.PartnerSuperAdmin, HttpStatusCode.OK), // Partner Admin there
                     (Personas.PlainPartnerEmployee, HttpStatusCode.Forbidden),
                     (Personas.OtherPartnerSuperAdmin, HttpStatusCode.Forbidden),
                 })
        {
            using var client = Fixture.CreateClient();
            await client.SignInAsync(email);
            using var response = await client.GetAsync($"/{Personas.HarborCoffee}/home");
            Assert.True(expected == response.StatusCode, $"{email}: expected {expected}, got {response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unknown_hub_id_is_not_found_and_a_client_has_no_client_access_manager()
    {
        using var client = Fixture.CreateClient();
        await client.SignInAsync(Personas.ClientSuperAdmin);

        using var unknown = await client.GetAsync("/99999999/home");
        using var clientCam = await client.GetAsync($"/{Personas.HarborCoffee}/partner/client-access-manager");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clientCam.StatusCode);
    }
}
