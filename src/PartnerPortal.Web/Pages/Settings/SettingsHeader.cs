namespace PartnerPortal.Web.Pages.Settings;

/// <summary>The top of the partner account's Users &amp; Teams pages: the account and the section open.</summary>
/// <param name="CanChangeEmailDomains">Only a Super Admin adds and removes partner employee email domains.</param>
public sealed record SettingsHeader(long HubId, string AccountName, string ActiveTab, bool CanChangeEmailDomains)
{
    public const string Users = "Users";
    public const string EmailDomains = "Partner employee email domains";
    public const string Security = "Security";

    public static SettingsHeader For(AccountView account, string activeTab)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new SettingsHeader(account.HubId, account.Name, activeTab, AccessPolicy.CanChangeEmailDomains(account.Membership));
    }
}
