namespace PartnerPortal.Domain;

/// <summary>The rights a request can require before its handler runs (see <see cref="AccessPolicy.Holds"/>).</summary>
public enum Right
{
    /// <summary>Any membership in the account.</summary>
    Member,

    ClientAccessManager,
    PartnerEmployeeManagement,
    AdministerClient,
    ApproveAccessLinks,

    /// <summary>R15, R20: Super Admin or Add and edit users in the account (Users &amp; Teams).</summary>
    AddAndEditUsers,

    /// <summary>Super Admin of the partner account: adds and removes partner employee email domains.</summary>
    ChangeEmailDomains,

    /// <summary>B7: Super Admin of the account: requires two-factor sign-in of every user.</summary>
    ChangeSecuritySettings,
}
