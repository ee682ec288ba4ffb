namespace PartnerPortal.Data;

/// <summary>
/// R15, kept: the monthly recurring revenue of a partner's clients that earn it managed credit, summed over the clients that
/// the same number of partners (<see cref="Partners"/>) share. The Partner dashboard reads a partner's few rows (one per
/// number of sharing partners, usually one or two) instead of judging every client; <c>ManagedCreditKeeper</c> rewrites them
/// whenever something a client's credit depends on is saved, and rebuilds them all at start and every hour.
/// </summary>
public class ManagedCreditShare
{
    /// <summary>The relationship's shadow column: the client's MRR when the relationship earns credit, else 0.</summary>
    public const string RelationshipMrr = "CreditMrr";

    /// <summary>The relationship's shadow column: how many partners earn credit in the client, when this one does, else 0.</summary>
    public const string RelationshipPartners = "CreditPartners";

    private ManagedCreditShare() { }

    public ManagedCreditShare(long partnerHubId, int partners, decimal monthlyRecurringRevenue)
    {
        PartnerHubId = partnerHubId;
        Partners = partners;
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
    }

    public long PartnerHubId { get; private set; }

    /// <summary>How many partners earn credit in each of these clients (the MRR is split between them evenly).</summary>
    public int Partners { get; private set; }

    public decimal MonthlyRecurringRevenue { get; set; }
}
