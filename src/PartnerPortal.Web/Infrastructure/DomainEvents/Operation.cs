namespace PartnerPortal.Web.Infrastructure.DomainEvents;

/// <summary>
/// One request, or one batch of a background job: every audit entry it writes carries its id, so that what
/// one Done or Confirm changed can be shown as a receipt (however many clients it touched) instead of being
/// carried in a message.
/// </summary>
public sealed class Operation
{
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>How many audit entries it wrote: a receipt is offered only when something was recorded.</summary>
    public int Recorded { get; private set; }

    public void Record() => Recorded++;
}
