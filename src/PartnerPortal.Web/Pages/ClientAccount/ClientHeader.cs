namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// The top of a client account's own settings pages: the account, your access there, and the sections you may open.
/// Users &amp; Teams, Permission sets, Partners and Partner access take Super Admin or Add and edit users (R24);
/// Billing and Security are shown to admins, read-only to a Partner Admin (R28).
/// </summary>
public sealed record ClientHeader(long HubId, string AccountName, string ActiveTab, bool CanManageUsers, bool CanSeeSettings, string YourAccess)
{
    public const string Users = "Users & Teams";
    public const string PermissionSets = "Permission sets";
    public const string Partners = "Partners";
    public const string PartnerAccess = "Partner access";
    public const string Billing = "Billing";
    public const string Security = "Security";
    public const string AuditTrail = "Audit trail";

    public static ClientHeader For(AccountView account, string activeTab)
    {
        ArgumentNullException.ThrowIfNull(account);
        var membership = account.Membership;
        return new ClientHeader(account.HubId, account.Name, activeTab, AccessPolicy.CanAddAndEditUsers(membership),
            AccessPolicy.Administers(membership.AccessType), membership.AccessType.Display());
    }

    /// <summary>The tabs as (label, page) in order, those you may open.</summary>
    public IEnumerable<(string Label, string Page)> Tabs()
    {
        if (CanManageUsers)
        {
            yield return (Users, "/ClientAccount/Users");
            yield return (PermissionSets, "/ClientAccount/PermissionSets");
            yield return (Partners, "/ClientAccount/Partners");
            yield return (PartnerAccess, "/ClientAccount/PartnerAccess");
            yield return (AuditTrail, "/ClientAccount/AuditTrail");
        }
        if (CanSeeSettings)
        {
            yield return (Billing, "/ClientAccount/Billing");
            yield return (Security, "/ClientAccount/Security");
        }
    }
}
