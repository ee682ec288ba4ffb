using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Tests;

/// <summary>R3's email over real SMTP (MailKit to aiosmtpd): received as written; never lost, never sent twice.</summary>
public sealed class MailDeliveryTests(PortalFixture fixture) : PortalTest(fixture)
{
    private async Task ApproveHanasLinkAsync()
    {
        using var maria = await Fixture.SignedInAsync(Personas.ClientSuperAdmin);
        (await maria.SubmitFormAsync($"/access/{await Fixture.AccessLinkTokenAsync(Personas.Hana)}",
            new Dictionary<string, string> { ["Data.ClientHubId"] = $"{Personas.HarborCoffee}" })).Dispose();
    }

    /// <summary>The app's dispatcher, pointed at an SMTP server on loopback, on a clock the test moves.</summary>
    private async Task<int> DispatchAsync(int port, TimeProvider clock)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var options = Options.Create(new MailOptions { RetrySeconds = 300, Smtp = { Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None, TimeoutSeconds = 5 } });
        var dispatcher = new OutboxDispatcher(scope.ServiceProvider.GetRequiredService<PortalDb>(), clock, options,
            scope.ServiceProvider.GetRequiredService<IWebHostEnvironment>(), scope.ServiceProvider.GetRequiredService<ILogger<OutboxDispatcher>>());
        return await dispatcher.DispatchAsync(CancellationToken.None);
    }

    private Task<OutboxMessage> QueuedAsync() => Fixture.InDbAsync(db => db.Outbox.SingleAsync(m => m.To == Personas.Hana));

    [Fact]
    public async Task R3_the_approval_email_reaches_a_real_SMTP_server_with_its_recipient_subject_and_body()
    {
        await using var smtp = await Aiosmtpd.StartAsync();
        await ApproveHanasLinkAsync();

        var sent = await DispatchAsync(smtp.Port, TimeProvider.System);

        Assert.True(sent == 1, $"Not sent: {(await QueuedAsync()).LastError}");
        var received = Assert.Single(smtp.Received);
        Assert.Contains($"To: {Personas.Hana}", received, StringComparison.Ordinal);
        Assert.Contains("Subject: Harbor Coffee Roasters approved your access link", received, StringComparison.Ordinal);
        Assert.Contains("approved your access link. You are now Partner Admin, Partner seat in their account, on behalf of Brightwave Digital.", received.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotNull((await QueuedAsync()).SentAt);
    }

    [Fact]
    public async Task A_server_that_refuses_or_is_down_leaves_the_email_queued_and_it_is_sent_exactly_once_when_one_accepts()
    {
        await using var smtp = await Aiosmtpd.StartAsync();
        await using var refusing = new RefusingSmtpServer();
        await ApproveHanasLinkAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);

        Assert.Equal(0, await DispatchAsync(refusing.Port, clock));
        var afterRefusal = await QueuedAsync();
        Assert.Equal((null, 1), (afterRefusal.SentAt, afterRefusal.Attempts));
        Assert.Contains("Relaying refused", afterRefusal.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await DispatchAsync(smtp.Port, clock)); // not due again yet: nothing goes out early

        clock.Now = clock.Now.AddMinutes(6);
        Assert.Equal(0, await DispatchAsync(SmtpPorts.Free(), clock)); // the server is down
        Assert.Equal(2, (await QueuedAsync()).Attempts);

        clock.Now = clock.Now.AddMinutes(6);
        var sent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => DispatchAsync(smtp.Port, clock)))); // two instances at once
        clock.Now = clock.Now.AddHours(1);
        var later = await DispatchAsync(smtp.Port, clock);

        Assert.Equal(1, sent.Sum() + later);
        Assert.Single(smtp.Received);
        Assert.NotNull((await QueuedAsync()).SentAt);
    }
}
