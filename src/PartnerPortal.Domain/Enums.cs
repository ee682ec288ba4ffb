namespace PartnerPortal.Domain;

public enum AccountKind
{
    Partner = 1,
    Client = 2,
}

/// <summary>How a member holds an account. Partner accounts use SuperAdmin or User.</summary>
public enum AccessType
{
    SuperAdmin = 1,
    PartnerAdmin = 2,
    User = 3,
}

/// <summary>The kind of seat a member occupies in a client account.</summary>
public enum SeatType
{
    None = 0,
    Core = 1,
    ViewOnly = 2,
    Partner = 3,
    Paid = 4,
}

public enum RelationshipState
{
    Invited = 1,
    Active = 2,
    Ending = 3,
    Ended = 4,
}

public enum InvitationState
{
    Pending = 1,
    Accepted = 2,
    Revoked = 3,
}

public enum PartnerAccessRequestState
{
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
}

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
