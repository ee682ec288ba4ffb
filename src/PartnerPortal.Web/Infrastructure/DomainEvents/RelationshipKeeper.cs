using PartnerPortal.Domain.Events;

namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>
/// R3, R12: what partner employees arriving in or leaving a client account do to the partner–client
/// relationship, whichever page or job made them arrive or leave. An arrival makes it Active
/// (started if there was none); the last departure starts the 60 days, or ends it when they are past.
/// </summary>
public sealed class RelationshipKeeper(PortalDb db, TimeProvider clock)
    : IDomainEventHandler<PartnerEmployeeJoined>, IDomainEventHandler<PartnerEmployeeLeft>, IDomainEventHandler<PartnerRevoked>
{
    /// <summary>R23: the client revoked the partner: the relationship ends that day.</summary>
    public async Task HandleAsync(PartnerRevoked domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var relationship = await FindAsync(domainEvent.PartnerHubId, domainEvent.ClientHubId, ct);
        relationship?.EndByClient(domainEvent.At);
    }

    public async Task HandleAsync(PartnerEmployeeJoined domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var relationship = await FindAsync(domainEvent.PartnerHubId, domainEvent.ClientHubId, ct);
        if (relationship is null) db.Relationships.Add(PartnerClientRelationship.StartActive(domainEvent.PartnerHubId, domainEvent.ClientHubId, clock.GetUtcNow()));
        else relationship.Activate(clock.GetUtcNow());
    }

    public async Task HandleAsync(PartnerEmployeeLeft domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Remaining > 0) return;
        var relationship = await FindAsync(domainEvent.PartnerHubId, domainEvent.ClientHubId, ct);
        if (relationship is not { State: RelationshipState.Active }) return;
        relationship.StartEnding(await LastQualifyingActivityAsync(domainEvent.ClientHubId, domainEvent.PartnerHubId, ct), clock.GetUtcNow());
    }

    private readonly Dictionary<(long Client, long Partner), DateTimeOffset?> _known = [];

    /// <summary>R12's clock as already read for a client (a bulk change reads it for all its clients in one statement).</summary>
    public void Know(long clientHubId, long partnerHubId, DateTimeOffset? lastSavedActivity) => _known[(clientHubId, partnerHubId)] = lastSavedActivity;

    /// <summary>R12: the last qualifying activity of the partner in the client, including any recorded in this same change.</summary>
    public async Task<DateTimeOffset?> LastQualifyingActivityAsync(long clientHubId, long partnerHubId, CancellationToken ct)
    {
        var saved = _known.TryGetValue((clientHubId, partnerHubId), out var known) ? known : await db.QualifyingActivities.Where(a => a.ClientHubId == clientHubId && a.PartnerHubId == partnerHubId)
            .OrderByDescending(a => a.At).Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(ct);
        var unsaved = db.QualifyingActivities.Local.Where(a => a.ClientHubId == clientHubId && a.PartnerHubId == partnerHubId)
            .Select(a => (DateTimeOffset?)a.At).Max();
        return new[] { saved, unsaved }.Max();
    }

    private async Task<PartnerClientRelationship?> FindAsync(long partnerHubId, long clientHubId, CancellationToken ct) =>
        db.Relationships.Local.FirstOrDefault(r => r.PartnerHubId == partnerHubId && r.ClientHubId == clientHubId)
        ?? await db.Relationships.SingleOrDefaultAsync(r => r.PartnerHubId == partnerHubId && r.ClientHubId == clientHubId, ct);
}
