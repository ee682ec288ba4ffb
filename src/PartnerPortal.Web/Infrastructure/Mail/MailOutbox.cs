using PartnerPortal.Data;

namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>Queues an email in the command's own transaction: it goes out only if the change is committed.</summary>
public sealed class MailOutbox(PortalDb db, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string body) =>
        db.Outbox.Add(new OutboxMessage(to, subject, body, clock.GetUtcNow()));
}
