namespace PartnerPortal.Domain;

/// <summary>Who may do what in the partner's Client Access Manager.</summary>
public static class PartnerRights
{
    /// <summary>R1, R5, R10: Super Admin or Client access manager in the partner account.</summary>
    public static bool CanManageClientAccess(Membership? partnerMembership) =>
        partnerMembership is not null && partnerMembership.Has(Permission.ClientAccessManager);

    /// <summary>R19: Super Admin or Partner employee management.</summary>
    public static bool CanSeePartnerEmployees(Membership? partnerMembership) =>
        partnerMembership is not null && partnerMembership.Has(Permission.PartnerEmployeeManagement);
}

/// <summary>R5: the Access types filter of the Clients tab. "No access" is a client where you hold no membership.</summary>
public sealed record AccessTypeFilter(IReadOnlySet<AccessType> Types, bool IncludeNoAccess)
{
    public static AccessTypeFilter Default { get; } = new(new HashSet<AccessType> { AccessType.PartnerAdmin, AccessType.SuperAdmin }, false);

    public static AccessTypeFilter Everything { get; } = new(new HashSet<AccessType> { AccessType.SuperAdmin, AccessType.PartnerAdmin, AccessType.User }, true);

    public bool IsEverything => IncludeNoAccess && Types.Count == 3;

    public bool Includes(AccessType? yours) => yours is null ? IncludeNoAccess : Types.Contains(yours.Value);
}
