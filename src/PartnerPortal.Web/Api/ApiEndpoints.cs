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
            .RequireRateLimiting(RateLimits.Api)
            .AddEndpointFilter<Idempotency>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags(Tag);

        api.MapGet("/me", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new MeQuery(), ct), me => me))
            .WithName("GetMe").WithSummary("Who this token acts as: its user, its one account, its scopes and its expiry. Scope: any.")
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

        partner.MapGet("/audit-trail", (long hubId, [AsParameters] TrailFilter filter, IMediator mediator, CancellationToken ct) =>
                TrailAsync(hubId, partner: true, filter, mediator, ct))
            .WithName("PartnerAuditTrail")
            .WithSummary("The partner's audit trail (B1), newest first, 50 a page; pass the answer's next as after for the page after it. "
                + "Filters: who (an email, or Partner Portal), whom, action, from, to (days), client. Scope: audit.")
            .Produces<ApiContract.TrailPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var client = api.MapGroup("/clients/{hubId:long}");

        client.MapGet("/audit-trail", (long hubId, [AsParameters] TrailFilter filter, IMediator mediator, CancellationToken ct) =>
                TrailAsync(hubId, partner: false, filter, mediator, ct))
            .WithName("ClientAuditTrail")
            .WithSummary("The client's own audit trail (B1), as the partner's: newest first, 50 a page, with the same filters and cursor. Scope: audit.")
            .Produces<ApiContract.TrailPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        client.MapGet("/partner-access", async (long hubId, long? partner, int? page, int? size, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnerAccessModel.Query(hubId, partner, page ?? 1, size ?? Paging.DefaultSize), ct),
                    m => ApiContract.PageOf(m.Employees, m.Paging, r => new ApiContract.LedgerEntry(r.UserId, r.Name, r.Email, r.PartnerHubId, r.PartnerName,
                        r.AccessType, r.Set, r.GrantedAt, r.EndsAt, r.LastActivity))))
            .WithName("ClientPartnerAccess")
            .WithSummary("The client's Partner Access ledger (R23): every partner employee with access here, of one partner or all. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.LedgerEntry>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        client.MapPost("/partner-access/revoke", async (long hubId, ApiContract.RevokeAccess body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnerAccessModel.Revoke(hubId, body.UserIds ?? []), ct), m => new ApiContract.Done(m)))
            .WithName("RevokePartnerAccess")
            .WithSummary("Revoke partner employees' access in the client (the ledger's Revoke, R23), up to 500 at a time. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Anything else under /api: a problem, not the HTML error page.
        app.MapFallback("/api/{**rest}", () => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "The API has no such address: see /openapi/v1.json."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A trail's filters as the API's query string carries them (the pages' own names).</summary>
    public sealed record TrailFilter(string? Who, string? Whom, string? Action, DateOnly? From, DateOnly? To, long? Client, string? After);

    private static async Task<IResult> TrailAsync(long hubId, bool partner, TrailFilter f, IMediator mediator, CancellationToken ct)
    {
        var filter = Pages.Audit.Trail.Filter.Typed(f.Who, f.Whom, f.Action, f.From, f.To, f.Client, f.After);
        return ApiResults.From(await mediator.Send(new Pages.Audit.TrailQuery(hubId, partner, filter), ct), m => new ApiContract.TrailPage(
            m.Trail.Rows.Select(r => new ApiContract.TrailEntry(r.Id, r.At, r.By, r.Action, r.Subject, r.Before, r.After, r.AccountHubId, r.Account, r.Token)).ToList(),
            m.Trail.Next));
    }
}
