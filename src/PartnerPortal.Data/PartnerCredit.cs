namespace PartnerPortal.Data;

/// <summary>
/// R15, kept: a partner's managed MRR — each client where it earns credit contributes its MRR split evenly between the
/// partners that earn there. The Partner dashboard reads this one row instead of judging every client; <c>ManagedCreditKeeper</c>
/// rewrites it whenever something a client's credit depends on is saved, and every row is rebuilt at start and every hour.
/// </summary>
public class PartnerCredit
{
    /// <summary>The relationship's shadow column: the client's MRR when the relationship earns credit, else 0.</summary>
    public const string RelationshipMrr = "CreditMrr";

    /// <summary>The relationship's shadow column: how many partners earn credit in the client, when this one does, else 0.</summary>
    public const string RelationshipPartners = "CreditPartners";

    private PartnerCredit() { }

    public PartnerCredit(long partnerHubId, decimal monthlyRecurringRevenue, DateTimeOffset keptAt)
    {
        PartnerHubId = partnerHubId;
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        KeptAt = keptAt;
    }

    public long PartnerHubId { get; private set; }

    /// <summary>USD a month, to the hundred-millionth (a third of a client's MRR is not a whole number of cents).</summary>
    public decimal MonthlyRecurringRevenue { get; private set; }

    /// <summary>When the keeper last judged this partner's clients (every save that touched one of them).</summary>
    public DateTimeOffset KeptAt { get; private set; }

    public void Keep(decimal monthlyRecurringRevenue, DateTimeOffset keptAt)
    {
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        KeptAt = keptAt;
    }
}
