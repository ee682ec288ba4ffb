namespace PartnerPortal.Data;

/// <summary>
/// B3: that the reminder <see cref="DaysBefore"/> days before a partner employee's access ends at <see cref="EndsAt"/> was
/// sent. Its unique key (membership, end, stage) makes each reminder go out once, whatever the instances and restarts: a
/// run that finds the row written by another rolls back its emails with it. A new end date starts the reminders anew.
/// </summary>
public class AccessReminder
{
    private AccessReminder() { }

    public AccessReminder(int membershipId, DateTimeOffset endsAt, int daysBefore, DateTimeOffset sentAt)
    {
        MembershipId = membershipId;
        EndsAt = endsAt;
        DaysBefore = daysBefore;
        SentAt = sentAt;
    }

    public long Id { get; private set; }
    public int MembershipId { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int DaysBefore { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
}
