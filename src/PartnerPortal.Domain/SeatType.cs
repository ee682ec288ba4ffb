namespace PartnerPortal.Domain;

/// <summary>The kind of seat a member occupies in a client account.</summary>
public enum SeatType
{
    None = 0,
    Core = 1,
    ViewOnly = 2,
    Partner = 3,
    Paid = 4,
}
