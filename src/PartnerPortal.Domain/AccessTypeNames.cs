namespace PartnerPortal.Domain;

public static class AccessTypeNames
{
    public static string Display(this AccessType type) => type switch
    {
        AccessType.SuperAdmin => "Super Admin",
        AccessType.PartnerAdmin => "Partner Admin",
        AccessType.User => "User",
        _ => type.ToString(),
    };

    public static string Display(this RelationshipState state) => state switch
    {
        RelationshipState.Invited => "Invited",
        RelationshipState.Active => "Active",
        RelationshipState.Ending => "Ending",
        RelationshipState.Ended => "Ended",
        _ => state.ToString(),
    };
}
