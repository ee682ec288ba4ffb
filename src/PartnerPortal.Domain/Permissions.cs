namespace PartnerPortal.Domain;

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

    /// <summary>The named permissions of a partner account (SPEC §1), given one by one in Users &amp; Teams.</summary>
    public const Permission PartnerAccount = Permission.ClientAccessManager | Permission.PartnerEmployeeManagement | Permission.AddAndEditUsers;

    /// <summary>A partner account user's access as Users &amp; Teams shows it: "Super Admin", or the partner permissions held.</summary>
    public static string DescribePartnerAccess(AccessType accessType, Permission explicitPermissions) =>
        accessType == AccessType.SuperAdmin ? "Super Admin"
        : (explicitPermissions & PartnerAccount) == Permission.None ? "No partner permissions"
        : string.Join(", ", Describe(explicitPermissions & PartnerAccount));

    public static IEnumerable<string> Describe(Permission permissions) =>
        Labels.Where(l => permissions.HasFlag(l.Permission)).Select(l => l.Label);
}
