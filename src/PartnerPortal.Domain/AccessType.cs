namespace PartnerPortal.Domain;

/// <summary>How a member holds an account. Partner accounts use SuperAdmin or User.</summary>
public enum AccessType
{
    SuperAdmin = 1,
    PartnerAdmin = 2,
    User = 3,
}
