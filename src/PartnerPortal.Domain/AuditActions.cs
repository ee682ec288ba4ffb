namespace PartnerPortal.Domain;

/// <summary>
/// B1: every action the audit trail records, by its name as the trail shows it — the one set of names that the domain
/// writes, the trail's filter offers, queries look for and tests expect. A removal that left someone in place is
/// recorded as the action followed by ": stays" (<see cref="Stays"/>).
/// </summary>
public static class AuditActions
{
    public const string AccessChanged = "Access changed";
    public const string AccessExpired = "Access expired";
    public const string AccessExpiredStays = "Access expired: stays, the only Super Admin";
    public const string AccessKeptAfterReview = "Access kept after review";
    public const string AccessLinkApproved = "Access link approved";
    public const string AccessLinkIssued = "Access link issued";
    public const string AccessLinkReset = "Access link reset";
    public const string AccessRemovedAfterReview = "Access removed after review";
    public const string AccessRevokedByTheClient = "Access revoked by the client";
    public const string AccountCreated = "Account created";
    public const string AccountReactivated = "Account reactivated";
    public const string AccountSuspended = "Account suspended";
    public const string BillingOwnerChanged = "Billing owner changed";
    public const string ChangedToPartnerAdmin = "Changed to Partner Admin";
    public const string EndDateRemoved = "End date removed";
    public const string EndDateSet = "End date set";
    public const string LeftThePartner = "Left the partner: now the client's own user";
    public const string MemberAdded = "Member added";
    public const string PartnerAccessGranted = "Partner Access granted";
    public const string PartnerAdminCreated = "Partner Admin created";
    public const string PartnerEmployeeAdded = "Partner employee added";
    public const string PartnerEmployeeEmailDomainAdded = "Partner employee email domain added";
    public const string PartnerEmployeeEmailDomainRemoved = "Partner employee email domain removed";
    public const string PartnerEmployeeLinked = "Partner employee linked";
    public const string PartnerEmployeeOffboarded = "Partner employee offboarded";
    public const string PartnerEmployeeRemoved = "Partner employee removed";
    public const string PartnerEmployeeRemovedFromPartner = "Partner employee removed (user removed from the partner)";
    public const string PartnerEmployeeSwitchOff = "Partner employee switch off";
    public const string PartnerEmployeeSwitchOn = "Partner employee switch on";
    public const string PartnerInvited = "Partner invited";
    public const string PartnerRevokedByTheClient = "Partner revoked by the client";
    public const string PermissionSetChanged = "Permission set changed";
    public const string PermissionSetCreated = "Permission set created";
    public const string PermissionSetDeleted = "Permission set deleted";
    public const string PermissionsGranted = "Permissions granted";
    public const string RelationshipActiveAgain = "Relationship active again";
    public const string RelationshipEnded = "Relationship ended";
    public const string RelationshipEndedByTheClient = "Relationship ended by the client";
    public const string RelationshipEnding = "Relationship ending";
    public const string RelationshipStarted = "Relationship started";
    public const string SeatChanged = "Seat changed";
    public const string SensitiveDataAllowed = "Sensitive data allowed";
    public const string SensitiveDataTurnedOff = "Sensitive data turned off";
    public const string SuperAdminGrantedByOperator = "Super Admin granted by the platform operator (break-glass)";
    public const string TwoFactorNoLongerRequired = "Two-factor sign-in no longer required";
    public const string TwoFactorRequired = "Two-factor sign-in required";
    public const string UserAdded = "User added";
    public const string UserCreated = "User created";
    public const string UserRemoved = "User removed";
    public const string UserRemovedByTheClient = "User removed by the client";

    /// <summary>A removal that was refused for one person, who stays (R14): the action, then ": stays".</summary>
    public static string Stays(string action) => $"{action}: stays";
}
