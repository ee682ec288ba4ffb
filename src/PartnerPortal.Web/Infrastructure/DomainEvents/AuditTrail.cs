using PartnerPortal.Domain.Events;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>
/// B1: the one writer of the audit trail. Every real change the domain reports becomes one entry,
/// saved with the change; a request that changes nothing reports nothing and writes nothing.
/// The actor is the signed-in user, or nobody for a background job; B8: with the token they acted through, if any.
/// </summary>
public sealed class AuditTrail(PortalDb db, ICurrentUser me, Operation operation, TimeProvider clock, Operations.PortalMetrics metrics)
    : IDomainEventHandler<AccessChanged>, IDomainEventHandler<RelationshipChanged>, IDomainEventHandler<AccessLinkIssued>
{
    public Task HandleAsync(AccessChanged domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Write(domainEvent.AccountHubId, domainEvent.PartnerHubId, domainEvent.Action, domainEvent.Subject, domainEvent.Before, domainEvent.After);
        metrics.AccessChanged(domainEvent.Action);
        return Task.CompletedTask;
    }

    public Task HandleAsync(RelationshipChanged domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Write(domainEvent.ClientHubId, domainEvent.PartnerHubId, domainEvent.Action, "Partner relationship", domainEvent.Before, domainEvent.After);
        return Task.CompletedTask;
    }

    public async Task HandleAsync(AccessLinkIssued domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        // A user created in the same unit of work (Create user) is not in the database yet.
        var email = db.DomainUsers.Local.FirstOrDefault(u => u.Id == domainEvent.EmployeeUserId)?.Email
            ?? await db.DomainUsers.Where(u => u.Id == domainEvent.EmployeeUserId).Select(u => u.Email).SingleAsync(ct);
        Write(domainEvent.PartnerHubId, domainEvent.PartnerHubId, domainEvent.Replaced ? AuditActions.AccessLinkReset : AuditActions.AccessLinkIssued,
            $"Access link of {email}", domainEvent.Replaced ? "Previous link" : "None", "New link");
    }

    private void Write(long accountHubId, long? partnerHubId, string action, string subject, string? before, string? after)
    {
        operation.Record();
        db.AuditEntries.Add(new AuditEntry(accountHubId, partnerHubId, me.IsSignedIn ? me.UserId : null, action, subject, before, after, clock.GetUtcNow(),
            operation.Id, me.Token?.TokenId));
    }
}
