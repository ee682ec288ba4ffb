namespace PartnerPortal.Domain;

/// <summary>
/// Every named permission of the product. Partner-account permissions and client-account
/// permissions share one flag space so that a membership's effective rights are one value.
/// </summary>
[Flags]
public enum Permission : long
{
    None = 0,

    // Partner-account permissions (SPEC §1).
    ClientAccessManager = 1 << 0,
    PartnerEmployeeManagement = 1 << 1,

    // Held in both kinds of account.
    AddAndEditUsers = 1 << 2,

    // Client-account permissions a Partner Admin never has (R28), billing unless kept (R13).
    ManageSuperAdmins = 1 << 3,
    EditBilling = 1 << 4,
    ManageSensitiveData = 1 << 5,

    // Ordinary work in a client account, the content of permission sets.
    ViewRecords = 1 << 6,
    EditRecords = 1 << 7,
    Marketing = 1 << 8,
    Sales = 1 << 9,
    Service = 1 << 10,
    Reports = 1 << 11,
    AccountSettings = 1 << 12,

    All = ClientAccessManager | PartnerEmployeeManagement | AddAndEditUsers | ManageSuperAdmins | EditBilling
        | ManageSensitiveData | ViewRecords | EditRecords | Marketing | Sales | Service | Reports | AccountSettings,
}

public static class Permissions
{
    /// <summary>What a Partner Admin can never do in a client account (R28).</summary>
    public const Permission NeverForPartnerAdmin = Permission.ManageSuperAdmins | Permission.ManageSensitiveData;

    /// <summary>The standard Partner Admin set: everything but Super Admins, billing and sensitive data.</summary>
    public const Permission StandardPartnerAdmin = Permission.All & ~NeverForPartnerAdmin & ~Permission.EditBilling;

    public static readonly IReadOnlyList<(Permission Permission, string Label)> Labels =
    [
        (Permission.ClientAccessManager, "Client access manager"),
        (Permission.PartnerEmployeeManagement, "Partner employee management"),
        (Permission.AddAndEditUsers, "Add and edit users"),
        (Permission.ManageSuperAdmins, "Add and remove Super Admins"),
        (Permission.EditBilling, "Billing settings"),
        (Permission.ManageSensitiveData, "Sensitive data"),
        (Permission.ViewRecords, "View records"),
        (Permission.EditRecords, "Edit records"),
        (Permission.Marketing, "Marketing"),
        (Permission.Sales, "Sales"),
        (Permission.Service, "Service"),
        (Permission.Reports, "Reports"),
        (Permission.AccountSettings, "Account settings"),
    ];

    public static IEnumerable<string> Describe(Permission permissions) =>
        Labels.Where(l => permissions.HasFlag(l.Permission)).Select(l => l.Label);
}
