using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Web.Infrastructure.Security;
using Cam = PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Api;

/// <summary>
/// B8: the JSON API under <c>/api/v1</c>. Each endpoint sends the same MediatR request as the page that does the same thing, so
/// the gate (<see cref="AuthorizationBehavior{TRequest,TResponse}"/> with the token's own limits), validation, retries, the
/// transaction and the audit trail are the pages' own — an endpoint only binds its input and shapes its answer.
/// </summary>
public static class ApiEndpoints
{
    public const string Tag = "Partner Portal API";

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags(Tag);

        api.MapGet("/me", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new MeQuery(), ct), me => me))
            .WithName("GetMe").WithSummary("Who this token acts as: its user, its one account, its scopes and its expiry.")
            .Produces<MeQuery.Answer>();

        var partner = api.MapGroup("/partners/{hubId:long}");

        partner.MapGet("/clients", async (long hubId, string? q, int? page, int? size, string[]? types, IMediator mediator, CancellationToken ct) =>
            {
                var query = new Cam.IndexModel.Query
                {
                    PartnerHubId = hubId,
                    Search = q,
                    Page = page ?? 1,
                    PageSize = size ?? Cam.IndexModel.Query.DefaultPageSize,
                    AccessTypes = types is { Length: > 0 } ? types : null,
                };
                return ApiResults.From(await mediator.Send(query, ct), m => ApiContract.PageOf(m.Clients, m.Paging, ApiContract.ClientOf));
            })
            .WithName("ListClients")
            .WithSummary("The partner's clients (the Client Access Manager's Clients tab): by default those where you are Partner Admin or Super Admin; "
                + "types=super-admin, partner-admin, user, no-access or all; q searches a name or Hub ID. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.Client>>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapGet("/employees", async (long hubId, string? q, int? page, int? size, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.EmployeesModel.Query(hubId, q, page ?? 1, size ?? Paging.DefaultSize), ct),
                    m => ApiContract.PageOf(m.Employees, m.Paging, e => new ApiContract.Employee(e.UserId, e.Name, e.Email, e.OnPartnerDomain, e.Clients))))
            .WithName("ListEmployees")
            .WithSummary("The partner's employees (the Employees tab), with how many clients each has access to; q searches a name or email. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.Employee>>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/clients/{clientHubId:long}/employees", async (long hubId, long clientHubId, ApiContract.AddEmployees body, IMediator mediator, CancellationToken ct) =>
            {
                var command = new Cam.AddEmployeesModel.Command
                {
                    PartnerHubId = hubId,
                    ClientHubId = clientHubId,
                    EmployeeIds = body.EmployeeIds ?? [],
                    PermissionSetId = body.PermissionSetId,
                    EndsOn = body.EndsOn,
                };
                return ApiResults.From(await mediator.Send(command, ct), changed => new ApiContract.ChangeCount(changed));
            })
            .WithName("AddEmployees")
            .WithSummary("Add employees to a client with a permission set, and an optional last day (R6, B3) — as Add employees in the client's Actions. "
                + "Scope: client-access.")
            .Produces<ApiContract.ChangeCount>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Anything else under /api: a problem, not the HTML error page.
        app.MapFallback("/api/{**rest}", () => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "The API has no such address: see /openapi/v1.json."))
            .ExcludeFromDescription();
        return app;
    }
}
