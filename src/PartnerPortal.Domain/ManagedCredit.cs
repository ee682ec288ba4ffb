namespace PartnerPortal.Domain;

/// <summary>R7, R8, R15: managed credit, the partner's share of a client's revenue for servicing it.</summary>
public static class ManagedCredit
{
    /// <summary>USD 1,000 of MRR is 10 managed points, split evenly between the partners actively servicing the client.</summary>
    public static decimal PointsPerPartner(decimal monthlyRecurringRevenue, int activePartners) =>
        Points(ShareOf(monthlyRecurringRevenue, activePartners));

    /// <summary>A partner's managed MRR from a client: its MRR split evenly between the partners actively servicing it.</summary>
    public static decimal ShareOf(decimal monthlyRecurringRevenue, int activePartners) =>
        activePartners <= 0 ? 0m : monthlyRecurringRevenue / activePartners;

    /// <summary>Managed points for managed MRR: USD 1,000 is 10 points, to the hundredth, rounded down.</summary>
    public static decimal Points(decimal managedMrr) => Math.Round(managedMrr / 100m, 2, MidpointRounding.ToZero);

    /// <summary>
    /// Whether a member's work in a client counts for the partner's managed credit: a partner employee
    /// (switch on, R15) connected to that client for the partner, whose email is on a partner employee
    /// email domain (R7), who was added through the Client Access Manager (a partner seat) or who was
    /// linked by hand (R8). The label says which, or why not, in the words the pages show.
    /// </summary>
    public static (bool Counts, string Label) Of(Membership inClient, long partnerHubId, bool isPartnerEmployee, bool onPartnerDomain)
    {
        ArgumentNullException.ThrowIfNull(inClient);
        if (inClient.PartnerHubId is { } other && other != partnerHubId) return (false, "Not counted: connected with another partner");
        if (!isPartnerEmployee) return (false, "Not counted: the Partner employee switch is off");
        if (inClient.PartnerHubId is null) return (false, "Not counted: use Link clients");
        if (onPartnerDomain) return (true, "Counts (partner domain email)");
        if (inClient.LinkedForManagedCredit) return (true, "Counts (linked)");
        return inClient.Seat == SeatType.Partner ? (true, "Counts (added with a partner seat)") : (false, "Not counted: use Link clients");
    }
}
