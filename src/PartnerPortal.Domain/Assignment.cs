namespace PartnerPortal.Domain;

/// <summary>R16: partner-dashboard bookkeeping of who works on which client. Grants no access.</summary>
public class Assignment
{
    private Assignment() { }

    public Assignment(long partnerHubId, Guid employeeUserId, long clientHubId, Guid assignedByUserId, DateTimeOffset now)
    {
        PartnerHubId = partnerHubId;
        EmployeeUserId = employeeUserId;
        ClientHubId = clientHubId;
        AssignedByUserId = assignedByUserId;
        AssignedAt = now;
    }

    public int Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid EmployeeUserId { get; private set; }
    public long ClientHubId { get; private set; }
    public Guid AssignedByUserId { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
}
