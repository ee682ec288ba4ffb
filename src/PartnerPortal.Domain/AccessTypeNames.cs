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

    /// <summary>"Partner seat", "View-only seat", "no seat": how a seat reads to people.</summary>
    public static string Display(this SeatType seat) => seat switch
    {
        SeatType.None => "no seat",
        SeatType.Core => "Core seat",
        SeatType.ViewOnly => "View-only seat",
        SeatType.Partner => "Partner seat",
        SeatType.Paid => "Paid seat",
        _ => $"{seat} seat",
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
