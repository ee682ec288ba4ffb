namespace PartnerPortal.Data;

/// <summary>
/// The Partner dashboard's figures that grow with the agency, kept: its managed MRR (R15 — each client where it earns credit
/// contributes its MRR split evenly between the partners that earn there), the clients it services and those Ending, and its
/// partner employees with access in a client. The dashboard reads this one row instead of judging and counting every client;
/// <c>PartnerFiguresKeeper</c> rewrites it whenever something they depend on is saved, and every row is rebuilt at start and
/// every hour.
/// </summary>
public class PartnerFigures
{
    /// <summary>The relationship's shadow column: the client's MRR when the relationship earns credit, else 0.</summary>
    public const string RelationshipMrr = "CreditMrr";

    /// <summary>The relationship's shadow column: how many partners earn credit in the client, when this one does, else 0.</summary>
    public const string RelationshipPartners = "CreditPartners";

    private PartnerFigures() { }

    public PartnerFigures(long partnerHubId, decimal monthlyRecurringRevenue, DateTimeOffset keptAt)
    {
        PartnerHubId = partnerHubId;
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        KeptAt = keptAt;
    }

    public long PartnerHubId { get; private set; }

    /// <summary>USD a month, to the hundred-millionth (a third of a client's MRR is not a whole number of cents).</summary>
    public decimal MonthlyRecurringRevenue { get; private set; }

    /// <summary>Clients serviced: relationships Active or Ending (<c>PortalDb.CurrentRelationships</c>).</summary>
    public int Serviced { get; private set; }

    /// <summary>Of those, the relationships Ending (R12).</summary>
    public int Ending { get; private set; }

    /// <summary>Partner employees (switch on) who work in at least one client for this partner.</summary>
    public int EmployeesWithAccess { get; private set; }

    /// <summary>When the keeper last judged this partner's clients (every save that touched one of them).</summary>
    public DateTimeOffset KeptAt { get; private set; }

    public void Keep(decimal monthlyRecurringRevenue, DateTimeOffset keptAt)
    {
        MonthlyRecurringRevenue = monthlyRecurringRevenue;
        KeptAt = keptAt;
    }
}
