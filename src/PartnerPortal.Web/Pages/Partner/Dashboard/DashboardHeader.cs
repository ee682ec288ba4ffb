namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>The top of every Partner dashboard page: the partner, the tabs it may see (R19), the quick links.</summary>
/// <param name="CanSeeEmployees">R19: Super Admin or Partner employee management; others get no Partner Employees tab.</param>
public sealed record DashboardHeader(long HubId, string PartnerName, string ActiveTab, bool CanSeeEmployees, bool CanManageClientAccess,
    bool CanAddAndEditUsers)
{
    public const string Overview = "Overview";
    public const string Employees = "Partner Employees";
    public const string Invitations = "Client invitations";
    public const string PartnerAccess = "Partner Access";
    public const string AuditTrail = "Audit trail";
    public const string AccessReviews = "Access reviews";

    public static DashboardHeader For(AccountView partner, string activeTab)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new DashboardHeader(partner.HubId, partner.Name, activeTab, AccessPolicy.CanSeePartnerEmployees(partner.Membership),
            AccessPolicy.CanManageClientAccess(partner.Membership), AccessPolicy.CanAddAndEditUsers(partner.Membership));
    }
}
