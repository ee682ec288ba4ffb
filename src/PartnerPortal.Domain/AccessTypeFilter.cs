namespace PartnerPortal.Domain;

/// <summary>R5: the Access types filter of the Clients tab. "No access" is a client where you hold no membership.</summary>
public sealed record AccessTypeFilter(IReadOnlySet<AccessType> Types, bool IncludeNoAccess)
{
    public static AccessTypeFilter Default { get; } = new(new HashSet<AccessType> { AccessType.PartnerAdmin, AccessType.SuperAdmin }, false);

    public static AccessTypeFilter Everything { get; } = new(new HashSet<AccessType> { AccessType.SuperAdmin, AccessType.PartnerAdmin, AccessType.User }, true);

    public bool IsEverything => IncludeNoAccess && Types.Count == 3;

    public bool Includes(AccessType? yours) => yours is null ? IncludeNoAccess : Types.Contains(yours.Value);
}
