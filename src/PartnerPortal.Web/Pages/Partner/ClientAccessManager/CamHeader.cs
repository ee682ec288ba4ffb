namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>The title, Get access link and the Clients / Employees tabs every Client Access Manager page shows.</summary>
public sealed record CamHeader(long PartnerHubId, string PartnerName, string ActiveTab, string? Flash = null);
