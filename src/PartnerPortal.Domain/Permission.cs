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
