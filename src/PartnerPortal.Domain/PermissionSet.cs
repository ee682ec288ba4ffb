namespace PartnerPortal.Domain;

/// <summary>A named set of permissions defined in a client account.</summary>
public class PermissionSet
{
    public const string StandardPartnerAdminName = "Partner Admin";

    private PermissionSet() { }

    internal PermissionSet(long accountHubId, string name, Permission permissions, bool isStandardPartnerAdmin)
    {
        AccountHubId = accountHubId;
        Name = Guard.NotBlank(name, nameof(name), 100);
        Permissions = permissions;
        IsStandardPartnerAdmin = isStandardPartnerAdmin;
    }

    public int Id { get; private set; }
    public long AccountHubId { get; private set; }
    public string Name { get; private set; } = "";
    public Permission Permissions { get; private set; }

    /// <summary>The built-in set every client account has; it cannot be edited.</summary>
    public bool IsStandardPartnerAdmin { get; private set; }

    /// <summary>A new name and permissions; whether anything changed.</summary>
    internal bool Edit(string name, Permission permissions)
    {
        var trimmed = Guard.NotBlank(name, nameof(name), 100);
        if (trimmed == Name && permissions == Permissions) return false;
        Name = trimmed;
        Permissions = permissions;
        return true;
    }
}
