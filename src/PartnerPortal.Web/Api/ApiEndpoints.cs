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

        partner.MapPost("/clients/{clientHubId:long}/employees", async (long hubId, long clientHubId, ApiContract.AddEmployees body, HttpRequest http,
                IMediator mediator, CancellationToken ct) =>
            {
                if (!ApiResults.TryIfMatch(http, out var version)) return ApiResults.BadIfMatch();
                var command = new Cam.AddEmployeesModel.Command
                {
                    PartnerHubId = hubId,
                    ClientHubId = clientHubId,
                    EmployeeIds = body.EmployeeIds ?? [],
                    PermissionSetId = body.PermissionSetId,
                    EndsOn = body.EndsOn,
                    IfMatch = version,
                };
                return ApiResults.From(await mediator.Send(command, ct), changed => new ApiContract.ChangeCount(changed));
            })
            .WithName("AddEmployees")
            .WithSummary("Add employees to a client with a permission set, and an optional last day (R6, B3) — as Add employees in the client's Actions; "
                + "If-Match with the client's ETag refuses it (412) if the client changed meanwhile. Scope: client-access.")
            .Produces<ApiContract.ChangeCount>().ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapGet("/employees/{employeeId:guid}/clients", async (long hubId, Guid employeeId, string? q, int? page, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.EmployeeModel.Query(hubId, employeeId, q, page ?? 1), ct), m => new ApiContract.EmployeeClients(m.EmployeeId,
                    m.Name, m.Email, m.Clients.Select(c => new ApiContract.EmployeeClient(c.HubId, c.Name, c.Access, c.Connected, c.Stale, c.EndsAt)).ToList(), m.Page, m.More)))
            .WithName("EmployeeClients")
            .WithSummary("An employee's access in the partner's clients (the employee panel), 50 a page. Scope: read.")
            .Produces<ApiContract.EmployeeClients>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapGet("/clients/{clientHubId:long}", async (long hubId, long clientHubId, IMediator mediator, HttpContext http, PortalDb db, CancellationToken ct) =>
                await TaggedAsync(http, db, clientHubId, await mediator.Send(new Cam.ClientDetailsModel.Query(hubId, clientHubId), ct), m => new ApiContract.ClientEmployees(m.ClientHubId,
                    m.ClientName, m.YouAdminister, m.Employees.Select(e => new ApiContract.ClientEmployee(e.UserId, e.Name, e.Email, e.Access, e.PermissionSet, e.GrantedAt)).ToList())))
            .WithName("ClientDetails")
            .WithSummary("One client's details: the partner's employees there, their access and permission sets; its ETag is the client's version, "
                + "for If-Match on a change there. Scope: read.")
            .Produces<ApiContract.ClientEmployees>().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/removals/review", async (long hubId, ApiContract.Removals body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.RemovePartnerEmployees.ReviewQuery(hubId, Pairs(body)), ct), ApiContract.ReviewOf))
            .WithName("ReviewRemovals")
            .WithSummary("What removing these employees from these clients would do, changing nothing: who stays and why (R14), which relationships end (R11, R12). "
                + "Scope: client-access.")
            .Produces<ApiContract.RemovalReview>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/removals", async (long hubId, ApiContract.Removals body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.RemovePartnerEmployees.Command(hubId, Pairs(body)), ct), ApiContract.ReviewOf))
            .WithName("RemoveEmployees")
            .WithSummary("Remove employees from clients (Remove from clients, or every employee of one client): up to 1,000 pairs in one change, refused whole when "
                + "one of them may not be removed (R10, R11, R14). Scope: client-access.")
            .Produces<ApiContract.RemovalReview>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapPost("/clients/{clientHubId:long}/employees/{employeeId:guid}/permission-set", async (long hubId, long clientHubId, Guid employeeId,
                ApiContract.PermissionSetChange body, HttpRequest http, IMediator mediator, CancellationToken ct) =>
                !ApiResults.TryIfMatch(http, out var version) ? ApiResults.BadIfMatch() : ApiResults.From(await mediator.Send(new Cam.ChangePermissionSetModel.Command
                {
                    PartnerHubId = hubId, ClientHubId = clientHubId, EmployeeId = employeeId, PermissionSetId = body.PermissionSetId, IfMatch = version,
                }, ct), m => new ApiContract.Done(m)))
            .WithName("ChangePermissionSet")
            .WithSummary("Change an employee's permission set in a client (R9); If-Match with the client's ETag. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapPost("/employees/{employeeId:guid}/link-clients", async (long hubId, Guid employeeId, ApiContract.ClientLinks body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.LinkClientsModel.Command { PartnerHubId = hubId, EmployeeId = employeeId, ClientHubIds = body.ClientHubIds ?? [] }, ct),
                    m => new ApiContract.Done(m)))
            .WithName("LinkClients")
            .WithSummary("Link clients to an employee: the client is asked, by email, to grant them access (R8). Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapPost("/clients/{clientHubId:long}/change-to-partner-admin", async (long hubId, long clientHubId, ApiContract.PartnerAdminChange body,
                HttpRequest http, IMediator mediator, CancellationToken ct) =>
                !ApiResults.TryIfMatch(http, out var version) ? ApiResults.BadIfMatch() : ApiResults.From(await mediator.Send(new Cam.ChangeToPartnerAdminModel.Command
                {
                    PartnerHubId = hubId, ClientHubId = clientHubId, UserId = body.UserId, KeepBillingPermissions = body.KeepBillingPermissions, IfMatch = version,
                }, ct), m => new ApiContract.Done(m)))
            .WithName("ChangeToPartnerAdmin")
            .WithSummary("Change a Super Admin who is your employee to Partner Admin in a client (R13), keeping billing permissions or not; If-Match with the "
                + "client's ETag. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapGet("/employees/{employeeId:guid}/access-link", async (long hubId, Guid employeeId, IMediator mediator, PublicUrls urls, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Cam.AccessLinkModel.Query(hubId, employeeId), ct), m => new ApiContract.AccessLink(m.EmployeeId, m.Email,
                    m.Path is { } path ? urls.Absolute(path) : null)))
            .WithName("GetAccessLink")
            .WithSummary("An employee's personal access link (R1), the address a client opens to grant them access; it is a credential. Scope: client-access.")
            .Produces<ApiContract.AccessLink>().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/employees/{employeeId:guid}/access-link/reset", async (long hubId, Guid employeeId, IMediator mediator, CancellationToken ct) =>
                ApiResults.NoContent(await mediator.Send(new Cam.AccessLinkModel.Reset(hubId, employeeId), ct)))
            .WithName("ResetAccessLink")
            .WithSummary("Reset an employee's access link: the old one stops working at once (R4). Scope: client-access.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapPost("/employees/{employeeId:guid}/offboarding/review", async (long hubId, Guid employeeId, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Partner.Dashboard.OffboardModel.Query(hubId, employeeId), ct), m => ApiContract.ReviewOf(m.Review)))
            .WithName("ReviewOffboarding")
            .WithSummary("What offboarding an employee would do (B4), changing nothing: each client, who stays and why. Scope: client-access.")
            .Produces<ApiContract.RemovalReview>().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/employees/{employeeId:guid}/offboarding", async (long hubId, Guid employeeId, ApiContract.Offboarding body, IMediator mediator,
                Infrastructure.DomainEvents.Operation operation, PublicUrls urls, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Partner.Dashboard.OffboardModel.Command(hubId, employeeId, body.AlsoFromPartner), ct),
                    m => new ApiContract.Receipt(m, operation.Recorded == 0 ? null : operation.Id,
                        operation.Recorded == 0 ? null : urls.Absolute($"/{hubId}/partner/client-access-manager/receipts/{operation.Id}"))))
            .WithName("Offboard")
            .WithSummary("Offboard an employee (B4): their access leaves every client at once, and with alsoFromPartner the partner account too (R20, "
                + "which takes Add and edit users there); the answer names the receipt. Scope: client-access.")
            .Produces<ApiContract.Receipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapGet("/access-reviews", async (long hubId, int? after, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Partner.AccessReviews.IndexModel.Query(hubId, after), ct), m => new ApiContract.AccessReview(m.StaleAfterDays,
                    m.Rows.Select(r => new ApiContract.StaleAccess(r.ClientHubId, r.ClientName, r.UserId, r.Email, r.Access, r.GrantedAt, r.LastActivity)).ToList(),
                    m.Next, m.Stale, m.More)))
            .WithName("AccessReview")
            .WithSummary("Stale access (B5): no qualifying activity for the partner's period; keyset-paged (pass next as after). Scope: read.")
            .Produces<ApiContract.AccessReview>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/access-reviews/decisions", async (long hubId, ApiContract.ReviewDecision body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Partner.AccessReviews.IndexModel.Decide(hubId,
                    (body.Access ?? []).Select(a => $"{a.ClientHubId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{a.UserId}").ToList(),
                    body.Decision ?? "", body.Reason), ct), m => new ApiContract.Done(m)))
            .WithName("DecideAccessReview")
            .WithSummary("Keep or remove stale access (B5), with a reason the clients read in their trails; up to 1,000 at once. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapGet("/users", async (long hubId, string? q, int? page, int? size, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Settings.UsersModel.Query(hubId, q, page ?? 1, size ?? Paging.DefaultSize), ct),
                    m => ApiContract.PageOf(m.Users, m.Paging, u => new ApiContract.PartnerUser(u.UserId, u.Name, u.Email, u.OnPartnerDomain, u.Access, u.IsPartnerEmployee))))
            .WithName("PartnerUsers")
            .WithSummary("The partner account's own users (Settings, Users & Teams), with their access there. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.PartnerUser>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        partner.MapPost("/users", async (long hubId, ApiContract.NewUser body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Settings.CreateUserModel.Command
                {
                    HubId = hubId, Email = body.Email ?? "", Name = body.Name ?? "", SuperAdmin = body.SuperAdmin, Permissions = body.Permissions ?? [],
                    PartnerEmployee = body.PartnerEmployee,
                }, ct), m => new ApiContract.Done(m)))
            .WithName("CreatePartnerUser")
            .WithSummary("Create a user in the partner account (Create user): they get an email to set their password. Scope: users.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        partner.MapPost("/assignments", async (long hubId, ApiContract.Assignment body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.Partner.Dashboard.Assign.Command(hubId, body.EmployeeIds ?? [], body.ClientHubIds ?? []), ct),
                    o => new ApiContract.Assigned(o.Added, o.Summary, o.WithoutAccess.Select(w => w.Id).ToList())))
            .WithName("AssignClients")
            .WithSummary("Assign employees to clients (R16): who looks after which client, for the partner's own records; it grants no access. Scope: client-access.")
            .Produces<ApiContract.Assigned>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

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

        client.MapGet("/partner-access", async (long hubId, long? partner, int? page, int? size, IMediator mediator, HttpContext http, PortalDb db, CancellationToken ct) =>
                await TaggedAsync(http, db, hubId, await mediator.Send(new Pages.ClientAccount.PartnerAccessModel.Query(hubId, partner, page ?? 1, size ?? Paging.DefaultSize), ct),
                    m => ApiContract.PageOf(m.Employees, m.Paging, r => new ApiContract.LedgerEntry(r.UserId, r.Name, r.Email, r.PartnerHubId, r.PartnerName,
                        r.AccessType, r.Set, r.GrantedAt, r.EndsAt, r.LastActivity))))
            .WithName("ClientPartnerAccess")
            .WithSummary("The client's Partner Access ledger (R23): every partner employee with access here, of one partner or all; its ETag is the "
                + "client's version, for If-Match on a change here. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.LedgerEntry>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        client.MapGet("/users", async (long hubId, string? q, int? page, int? size, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.UsersModel.Query(hubId, q, page ?? 1, size ?? Paging.DefaultSize), ct),
                    m => ApiContract.PageOf(m.Users, m.Paging, u => new ApiContract.ClientUser(u.UserId, u.Name, u.Email, u.Access, u.Seat, u.Partner, u.LastActivity))))
            .WithName("ClientUsers")
            .WithSummary("The client's users (Users & Teams): its own and the partners' employees, their access, seat and last activity. Scope: read.")
            .Produces<ApiContract.ListPage<ApiContract.ClientUser>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        client.MapGet("/partners", async (long hubId, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnersModel.Query(hubId), ct),
                    m => m.Partners.Select(p => new ApiContract.ClientPartner(p.HubId, p.Name, p.State, p.EndsAt, p.Employees)).ToList()))
            .WithName("ClientPartners")
            .WithSummary("The client's partners (R22): each relationship, its state and how many of its employees have access. Scope: read.")
            .Produces<List<ApiContract.ClientPartner>>().ProducesProblem(StatusCodes.Status404NotFound);

        client.MapPost("/partners/invitations", async (long hubId, ApiContract.PartnerInvitation body, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnersModel.Invite { HubId = hubId, PartnerHubId = body.PartnerHubId }, ct),
                    m => new ApiContract.Done(m)))
            .WithName("InvitePartner")
            .WithSummary("Invite a partner by its Hub ID (R22): it accepts or declines on its dashboard. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        client.MapPost("/partners/{partnerHubId:long}/revoke", async (long hubId, long partnerHubId, IMediator mediator, CancellationToken ct) =>
                ApiResults.From(await mediator.Send(new Pages.ClientAccount.RevokePartnerModel.Command(hubId, partnerHubId, Confirm: true), ct), m => new ApiContract.Done(m)))
            .WithName("RevokePartner")
            .WithSummary("Revoke a partner (R22): every one of its employees loses access here and the relationship ends. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        client.MapPost("/partner-access/end-date", async (long hubId, ApiContract.EndDate body, HttpRequest http, IMediator mediator, CancellationToken ct) =>
                !ApiResults.TryIfMatch(http, out var version) ? ApiResults.BadIfMatch()
                    : ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnerAccessModel.SetEndDate(hubId, body.UserId, body.EndsOn) { IfMatch = version }, ct),
                        m => new ApiContract.Done(m)))
            .WithName("SetEndDate")
            .WithSummary("Set, change or clear a partner employee's last day of access here (B3); it ends at the end of that day (UTC); If-Match with the "
                + "ledger's ETag. Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        client.MapPost("/partner-access/revoke", async (long hubId, ApiContract.RevokeAccess body, HttpRequest http, IMediator mediator, CancellationToken ct) =>
                !ApiResults.TryIfMatch(http, out var version) ? ApiResults.BadIfMatch()
                    : ApiResults.From(await mediator.Send(new Pages.ClientAccount.PartnerAccessModel.Revoke(hubId, body.UserIds ?? []) { IfMatch = version }, ct),
                        m => new ApiContract.Done(m)))
            .WithName("RevokePartnerAccess")
            .WithSummary("Revoke partner employees' access in the client (the ledger's Revoke, R23), up to 500 at a time; If-Match with the ledger's ETag. "
                + "Scope: client-access.")
            .Produces<ApiContract.Done>().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Anything else under /api: a problem, not the HTML error page.
        app.MapFallback("/api/{**rest}", () => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "The API has no such address: see /openapi/v1.json."))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A read of one account's things, answered with the account's version as its ETag (for If-Match on a change there).</summary>
    private static async Task<IResult> TaggedAsync<T, TBody>(HttpContext http, PortalDb db, long hubId, Result<T> result, Func<T, TBody> body)
    {
        if (result.Succeeded)
            http.Response.Headers.ETag = ApiResults.ETagOf(await db.Accounts.Where(a => a.HubId == hubId).Select(a => a.Version).SingleAsync(http.RequestAborted));
        return ApiResults.From(result, body);
    }

    private static List<Cam.RemovePartnerEmployees.Pair> Pairs(ApiContract.Removals body) =>
        (body.Pairs ?? []).Select(p => new Cam.RemovePartnerEmployees.Pair(p.ClientHubId, p.UserId)).ToList();

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
