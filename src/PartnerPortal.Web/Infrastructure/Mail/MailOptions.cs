using MailKit.Security;

namespace PartnerPortal.Web.Infrastructure.Mail;

/// <summary>
/// <c>Mail:*</c> settings. Without <c>Mail:Smtp:Host</c>, emails are written as .eml files to
/// <c>Mail:PickupFolder</c> (default <c>App_Data/mail-pickup</c>).
/// </summary>
public sealed class MailOptions
{
    public string From { get; set; } = "Partner Portal <no-reply@partnerportal.local>";

    /// <summary>The address users reach the app at (https://portal.agency.com), for links in emails; unset: the request's own.</summary>
    public string? PublicUrl { get; set; }
    public string? PickupFolder { get; set; }
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>How long a message that could not be sent waits before the next try.</summary>
    public int RetrySeconds { get; set; } = 300;

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;

        /// <summary>StartTls (the default, for port 587), SslOnConnect (port 465), StartTlsWhenAvailable, Auto or None.</summary>
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

        public string? UserName { get; set; }
        public string? Password { get; set; }
        public int TimeoutSeconds { get; set; } = 30;
    }
}
