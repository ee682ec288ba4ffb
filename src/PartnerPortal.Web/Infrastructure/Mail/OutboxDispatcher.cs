using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>
/// Delivers queued emails. Each message is claimed with a conditional update before it is sent,
/// so several app instances never send the same message twice while it is held.
/// </summary>
public sealed class OutboxDispatcher(PortalDb db, TimeProvider clock, IOptions<MailOptions> options, IWebHostEnvironment environment, ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    public string PickupFolder => options.Value.PickupFolder is { Length: > 0 } folder
        ? Path.GetFullPath(folder, environment.ContentRootPath)
        : Path.Combine(environment.ContentRootPath, "App_Data", "mail-pickup");

    /// <returns>How many emails were delivered.</returns>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Outbox.Where(m => m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(50).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await db.Outbox
                .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + Hold), ct);
            if (claimed == 0) continue; // another instance has it

            var message = await db.Outbox.SingleAsync(m => m.Id == id, ct);
            try
            {
                await SendAsync(message, ct);
                message.Sent(clock.GetUtcNow());
                sent++;
            }
            catch (SmtpException ex)
            {
                logger.LogWarning(ex, "Email {OutboxId} to {To} could not be sent; it will be retried", id, message.To);
                message.Failed(ex.Message, clock.GetUtcNow() + Hold);
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.Body);
        using var smtp = new SmtpClient();
        if (settings.Smtp.Host is { Length: > 0 } host)
        {
            smtp.Host = host;
            smtp.Port = settings.Smtp.Port;
            smtp.EnableSsl = settings.Smtp.EnableSsl;
            if (settings.Smtp.UserName is { Length: > 0 } user)
                smtp.Credentials = new NetworkCredential(user, settings.Smtp.Password);
        }
        else
        {
            Directory.CreateDirectory(PickupFolder);
            smtp.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            smtp.PickupDirectoryLocation = PickupFolder;
        }
        await smtp.SendMailAsync(mail, ct);
    }
}
