namespace PartnerPortal.Domain;

/// <summary>
/// Who may do what: the one home of the product's access rules, as pure functions over the
/// signed-in user's memberships. The request pipeline, the handlers and the pages all ask here.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Whether a membership holds a named right; a missing membership holds none.</summary>
    public static bool Holds(Membership? membership, Right right) => membership is not null && right switch
    {
        Right.Member => true,
        Right.ClientAccessManager => CanManageClientAccess(membership),
        Right.PartnerEmployeeManagement => CanSeePartnerEmployees(membership),
        Right.AdministerClient => Administers(membership.AccessType),
        Right.ApproveAccessLinks => CanApproveAccessLinks(membership),
        Right.AddAndEditUsers => CanAddAndEditUsers(membership),
        Right.ChangeEmailDomains => CanChangeEmailDomains(membership),
        Right.ChangeSecuritySettings => CanChangeSecuritySettings(membership),
        _ => false,
    };

    /// <summary>A right that depends on the access type alone (in a client account), from the access type.</summary>
    public static bool Holds(AccessType? accessType, Right right) => accessType is not null && right switch
    {
        Right.Member => true,
        Right.AdministerClient => Administers(accessType),
        _ => throw new ArgumentOutOfRangeException(nameof(right), right, "This right depends on more than the access type: ask with the membership."),
    };

    /// <summary>R1, R5, R10: Super Admin or Client access manager in the partner account.</summary>
    public static bool CanManageClientAccess(Membership? inPartner) => inPartner?.Has(Permission.ClientAccessManager) == true;

    /// <summary>R19: Super Admin or Partner employee management in the partner account.</summary>
    public static bool CanSeePartnerEmployees(Membership? inPartner) => inPartner?.Has(Permission.PartnerEmployeeManagement) == true;

    /// <summary>R15, R20: Users &amp; Teams — the Partner employee switch, creating and removing users — takes Super Admin or Add and edit users.</summary>
    public static bool CanAddAndEditUsers(Membership? inAccount) => inAccount?.Has(Permission.AddAndEditUsers) == true;

    /// <summary>R28: adding, changing or removing a Super Admin of a client takes Add and remove Super Admins — a Super Admin; never a Partner Admin.</summary>
    public static bool CanManageSuperAdmins(Membership? inClient) => inClient?.Has(Permission.ManageSuperAdmins) == true;

    /// <summary>R13, R23, R28: billing takes billing rights — a Super Admin, or a Partner Admin who kept billing permissions.</summary>
    public static bool CanEditBilling(Membership? inClient) => inClient?.Has(Permission.EditBilling) == true;

    /// <summary>R28: sensitive data settings take Sensitive data — a Super Admin; never a Partner Admin.</summary>
    public static bool CanManageSensitiveData(Membership? inClient) => inClient?.Has(Permission.ManageSensitiveData) == true;

    /// <summary>Only a Super Admin changes the partner employee email domains.</summary>
    public static bool CanChangeEmailDomains(Membership? inPartner) => inPartner?.IsSuperAdmin == true;

    /// <summary>B7: only a Super Admin requires two-factor sign-in of every user of the account.</summary>
    public static bool CanChangeSecuritySettings(Membership? inAccount) => inAccount?.IsSuperAdmin == true;

    /// <summary>R4: a link is reset by its owner or a Super Admin of the partner.</summary>
    public static bool CanResetAccessLink(Membership? inPartner, Guid ownerUserId) =>
        inPartner is not null && (inPartner.UserId == ownerUserId || inPartner.IsSuperAdmin);

    /// <summary>R6, R9, R10, R13: acting on others in a client account takes Partner Admin or Super Admin there.</summary>
    public static bool Administers(AccessType? inClient) => inClient is AccessType.PartnerAdmin or AccessType.SuperAdmin;

    /// <summary>R6: Add employees is offered for client accounts (never a partner account serviced as a client) you administer.</summary>
    public static bool CanAddEmployees(AccessType? inClient, AccountKind kind) => kind == AccountKind.Client && Administers(inClient);

    /// <summary>R2: Super Admin, or Add and edit users, in the client account.</summary>
    public static bool CanApproveAccessLinks(Membership? inClient) => inClient?.Has(ApprovesAccessLinks) == true;

    /// <summary>R2: the permission approving an access link takes (Super Admins hold every permission).</summary>
    public const Permission ApprovesAccessLinks = Permission.AddAndEditUsers;

    /// <summary>R13: Change to Partner Admin is offered where you are Super Admin, or Partner Admin with colleagues still Super Admin.</summary>
    public static bool CanOfferChangeToPartnerAdmin(AccessType? inClient, AccountKind kind, int otherSuperAdminColleagues) =>
        kind == AccountKind.Client && (inClient == AccessType.SuperAdmin || (inClient == AccessType.PartnerAdmin && otherSuperAdminColleagues > 0));
}
