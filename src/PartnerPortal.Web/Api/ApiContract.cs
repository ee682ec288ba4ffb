using PartnerPortal.Web.Pages.Partner.ClientAccessManager;

namespace PartnerPortal.Web.Api;

/// <summary>
/// B8: what the API's JSON looks like — its own shapes, not the pages' models, so that a page can change without breaking a
/// script. Times are ISO 8601 in UTC; enums are their names in camelCase.
/// </summary>
public static class ApiContract
{
    /// <summary>A page of a list: its rows, and where it is (<paramref name="More"/>: there are more rows than counted).</summary>
    public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool More, bool HasNext);

    public sealed record Client(long HubId, string Name, AccountKind Kind, AccessType? YourAccessType, int PartnerEmployees,
        RelationshipState Relationship, DateTimeOffset? EndsAt, int StaleAccess);

    public sealed record Employee(Guid UserId, string Name, string Email, bool OnPartnerDomain, int Clients);

    /// <summary>Add employees to a client: who, with which permission set, and an optional last day (B3).</summary>
    public sealed record AddEmployees(List<Guid>? EmployeeIds, int PermissionSetId, DateOnly? EndsOn);

    public sealed record ChangeCount(int Changed);

    /// <summary>A page of an audit trail, newest first; <paramref name="Next"/> is the cursor of the next (older) page, or null at the end.</summary>
    public sealed record TrailPage(IReadOnlyList<TrailEntry> Items, string? Next);

    /// <param name="By">Who made the change (their email), or "Partner Portal" for the system.</param>
    /// <param name="Token">The personal access token it was made through, if any.</param>
    public sealed record TrailEntry(long Id, DateTimeOffset At, string By, string Action, string Subject, string? Before, string? After, long AccountHubId,
        string Account, string? Token);

    /// <summary>A partner employee's access in a client, as the client's Partner Access ledger shows it (R23).</summary>
    public sealed record LedgerEntry(Guid UserId, string Name, string Email, long PartnerHubId, string PartnerName, AccessType AccessType, string? PermissionSet,
        DateTimeOffset GrantedAt, DateTimeOffset? EndsAt, DateTimeOffset? LastActivity);

    /// <summary>Revoke partner employees' access in the client (the ledger's Revoke).</summary>
    public sealed record RevokeAccess(List<Guid>? UserIds);

    public sealed record Done(string Message);

    /// <summary>An employee's access in one of the partner's clients (the employee panel).</summary>
    public sealed record EmployeeClient(long HubId, string Name, string Access, bool Connected, bool Stale, DateTimeOffset? EndsAt);

    public sealed record EmployeeClients(Guid UserId, string Name, string Email, IReadOnlyList<EmployeeClient> Clients, int Page, bool More);

    /// <summary>The partner's employees in one client (its Details).</summary>
    public sealed record ClientEmployees(long HubId, string Name, bool YouAdminister, IReadOnlyList<ClientEmployee> Employees);

    public sealed record ClientEmployee(Guid UserId, string Name, string Email, string Access, string PermissionSet, DateTimeOffset GrantedAt);

    public sealed record Removal(long ClientHubId, Guid UserId);

    /// <summary>Remove employees from clients: any (client, employee) pairs, up to 1,000 (R10, R11) — Remove from clients, and removing all of a client's.</summary>
    public sealed record Removals(List<Removal>? Pairs);

    /// <param name="Blocker">Why this one stays (R14), or null when removed.</param>
    public sealed record RemovalItem(long ClientHubId, string ClientName, Guid UserId, string Email, string Access, string? Blocker);

    public sealed record RemovalOutlook(long ClientHubId, string ClientName, string Consequence);

    public sealed record RemovalReview(string Summary, IReadOnlyList<RemovalItem> Items, IReadOnlyList<RemovalOutlook> Clients);

    public sealed record PermissionSetChange(int PermissionSetId);

    public sealed record ClientLinks(List<long>? ClientHubIds);

    public sealed record PartnerAdminChange(Guid UserId, bool KeepBillingPermissions);

    /// <param name="Link">The employee's personal access link (R1), or null when there is none to copy (reset to make one).</param>
    public sealed record AccessLink(Guid UserId, string Email, string? Link);

    public sealed record Offboarding(bool AlsoFromPartner);

    /// <param name="OperationId">The change's receipt: its audit entries (the partner's trail, and each client's), and the receipt page.</param>
    public sealed record Receipt(string Message, Guid? OperationId, string? ReceiptUrl);

    public sealed record StaleAccess(long ClientHubId, string ClientName, Guid UserId, string Email, string Access, DateTimeOffset GrantedAt,
        DateTimeOffset? LastActivity);

    /// <param name="Next">The cursor of the next page (pass it as after), or null at the end.</param>
    public sealed record AccessReview(int StaleAfterDays, IReadOnlyList<StaleAccess> Items, int? Next, int Stale, bool More);

    /// <param name="Decision">keep or remove.</param>
    public sealed record ReviewDecision(List<Removal>? Access, string? Decision, string? Reason);

    public sealed record ClientPartner(long HubId, string Name, RelationshipState Relationship, DateTimeOffset? EndsAt, int Employees);

    public sealed record EndDate(Guid UserId, DateOnly? EndsOn);

    public sealed record PartnerUser(Guid UserId, string Name, string Email, bool OnPartnerDomain, string Access, bool PartnerEmployee);

    public sealed record ClientUser(Guid UserId, string Name, string Email, string Access, string Seat, string? Partner, DateTimeOffset? LastActivity);

    /// <param name="Permissions">Partner permissions by name: ClientAccessManager, AddAndEditUsers, … (ignored for a Super Admin).</param>
    public sealed record NewUser(string? Email, string? Name, bool SuperAdmin, List<string>? Permissions, bool PartnerEmployee = true);

    /// <summary>Assign employees to clients (R16): who looks after which client; it grants no access.</summary>
    public sealed record Assignment(List<Guid>? EmployeeIds, List<long>? ClientHubIds);

    /// <param name="WithoutAccess">Assigned employees who have no access in a client yet (add them there to let them work).</param>
    public sealed record Assigned(int Added, string Summary, IReadOnlyList<Guid> WithoutAccess);

    public sealed record PartnerInvitation(long? PartnerHubId);

    public static RemovalReview ReviewOf(Pages.Partner.ClientAccessManager.RemovePartnerEmployees.Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new(review.Summary(), review.Items.Select(i => new RemovalItem(i.ClientHubId, i.ClientName, i.UserId, i.Email, i.Access, i.Blocker)).ToList(),
            review.Clients.Select(c => new RemovalOutlook(c.ClientHubId, c.ClientName, c.Consequence)).ToList());
    }

    public static ListPage<TOut> PageOf<TIn, TOut>(IReadOnlyList<TIn> rows, Paging paging, Func<TIn, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(paging);
        return new(rows.Select(map).ToList(), paging.Page, paging.PageSize, paging.Total, paging.More, paging.HasNext);
    }

    public static Client ClientOf(IndexModel.ClientRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.HubId, row.Name, row.Kind, row.YourAccessType, row.PartnerEmployees, row.State, row.EndsAt, row.StaleAccess);
    }

    public static IReadOnlyList<string> ScopeNames(ApiScopes scopes) =>
        ApiToken.AllScopes.Where(s => scopes.HasFlag(s)).Select(ScopeName).ToList();

    public static string ScopeName(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "read",
        ApiScopes.ClientAccess => "client-access",
        ApiScopes.Users => "users",
        ApiScopes.Audit => "audit",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "One scope at a time."),
    };
}
