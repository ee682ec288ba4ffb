namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>What the client's pages read about its users, written once.</summary>
public static class ClientUsers
{
    /// <summary>"Super Admin", "Partner Admin (with billing)", "User · Sales": the access type as the client's lists show it.</summary>
    public static string AccessOf(AccessType accessType, string? set, bool keepsBilling) => accessType switch
    {
        AccessType.PartnerAdmin => keepsBilling ? "Partner Admin (kept billing)" : "Partner Admin",
        AccessType.User => $"User · {set ?? "no permission set"}",
        _ => accessType.Display(),
    };

    /// <summary>"Partner seat + Partner Access": the seat as the client's lists show it, with R27's Partner Access, which uses no paid seat.</summary>
    public static string SeatOf(SeatType seat, bool partnerAccess) => seat.Display() + (partnerAccess ? " + Partner Access" : "");

    /// <summary>The seats a client gives its own users by hand (a partner seat comes with a partner employee's access).</summary>
    public static readonly IReadOnlyList<SeatType> OwnSeats = [SeatType.Core, SeatType.ViewOnly, SeatType.Paid];
}
