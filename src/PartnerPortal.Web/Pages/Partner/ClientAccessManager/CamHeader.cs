namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>The title, Get access link and the Clients / Employees tabs every Client Access Manager page shows.</summary>
public sealed record CamHeader(long PartnerHubId, string PartnerName, string ActiveTab)
{
    public static CamHeader For(AccountView partner, string activeTab)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new CamHeader(partner.HubId, partner.Name, activeTab);
    }
}
