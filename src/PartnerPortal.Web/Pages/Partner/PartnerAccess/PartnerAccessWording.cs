namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>Seed 003's words a partner user must read: what Partner Access is for, and the sales email integration warning.</summary>
public static class PartnerAccessWording
{
    public const string SalesEmailWarning =
        "Important: disconnect your sales email integration from this client's account before you work in it — it is connected by default. " +
        "Otherwise activity of your agency (emails you send from your agency's account) is logged in the client's CRM. " +
        "Sales emails you send there come from your own email address, and calls from your own phone number.";

    public const string Purpose =
        "Partner Access is for helping the client set up and manage its account (documents, templates, sequences), not for working as a member of its sales team. " +
        "It does not provide features or products: those are bought through the usual channels.";
}
