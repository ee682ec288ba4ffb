using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>
/// Delivers queued emails with MailKit, over SMTP when <c>Mail:Smtp:Host</c> is set, else as .eml
/// files in the pickup folder. Each message is claimed with a conditional update before it is sent,
/// so several app instances never send the same message while it is held; a message that could not
/// be sent (server down, refused, timed out) stays queued and is tried again after <c>Mail:RetrySeconds</c>.
/// </summary>
public sealed class OutboxDispatcher(PortalDb db, TimeProvider clock, IOptions<MailOptions> options, IWebHostEnvironment environment, ILogger<OutboxDispatcher> logger)
{
    /// <summary>How long a claim holds a message while it is being sent.</summary>
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
            if (await TurnedOffAsync(message, ct))
            {
                message.Suppress(clock.GetUtcNow()); // B6: the recipient chose the app alone for this kind; it is in their notifications
                await db.SaveChangesAsync(ct);
                continue;
            }
            try
            {
                await SendAsync(message, ct);
                message.Sent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (IsDeliveryFailure(ex))
            {
                logger.LogWarning(ex, "Email {OutboxId} could not be sent; it stays queued and is tried again", id);
                message.Failed(ex.Message, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, options.Value.RetrySeconds)));
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    /// <summary>B6: whether the recipient turned this kind of email off (never a security-relevant kind), as they choose now.</summary>
    private async Task<bool> TurnedOffAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.UserId is not { } userId || message.Kind is not { } kind || NotificationKinds.IsSecurity((NotificationKind)kind)) return false;
        var off = await db.DomainUsers.Where(u => u.Id == userId).Select(u => u.EmailsOff).FirstOrDefaultAsync(ct);
        return !User.Emails(off, (NotificationKind)kind);
    }

    private static bool IsDeliveryFailure(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or SslHandshakeException or SocketException or IOException or TimeoutException or ParseException;

    private async Task SendAsync(OutboxMessage queued, CancellationToken ct)
    {
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(queued.To));
        message.Subject = queued.Subject;
        // One id per queued email: a receiver that sees it twice (a send whose acknowledgement was lost) can tell.
        message.MessageId = $"outbox-{queued.Id}-{queued.CreatedAt.ToUnixTimeMilliseconds()}@partnerportal";
        message.Body = new TextPart("plain") { Text = queued.Body };

        if (settings.Smtp.Host is not { Length: > 0 } host)
        {
            Directory.CreateDirectory(PickupFolder);
            await message.WriteToAsync(Path.Combine(PickupFolder, $"{Guid.NewGuid():N}.eml"), ct);
            return;
        }
        using var smtp = new SmtpClient { Timeout = Math.Max(1, settings.Smtp.TimeoutSeconds) * 1000 };
        await smtp.ConnectAsync(host, settings.Smtp.Port, settings.Smtp.Security, ct);
        if (settings.Smtp.UserName is { Length: > 0 } user) await smtp.AuthenticateAsync(user, settings.Smtp.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
