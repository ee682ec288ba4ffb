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
}
