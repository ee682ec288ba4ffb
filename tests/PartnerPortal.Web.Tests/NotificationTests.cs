using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>B6: every email the rules send is also an in-app notification for the same recipient; the bell, the list, preferences.</summary>
public sealed class NotificationTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record World(long Agency, string Boss, Guid BossId, long Far, string Fay, Guid FayId, long Cafe, string Owner);

    private Task<World> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var agency = w.Partner("Bell Agency");
        var boss = w.Employee(agency, "Bo Bell", AccessType.SuperAdmin);
        var kim = w.Employee(agency, "Kim Bell");
        var far = w.Partner("Far Bell Agency");
        var fay = w.Employee(far, "Fay Bell", AccessType.SuperAdmin);
        var cafe = w.Client("Bell Cafe");
        w.Services(agency, cafe, activityDaysAgo: 10);
        w.Seat(cafe, agency, kim, AccessType.PartnerAdmin);
        return new World(agency.HubId, boss.Email, boss.Id, far.HubId, fay.Email, fay.Id, cafe.HubId, WorldBuilder.OwnerOf(cafe).Email);
    });

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static async Task<string?> BellAsync(BrowserLikeClient client)
    {
        var (_, page) = await client.GetPageAsync("/account/two-factor");
        return page.QuerySelector("[data-testid=bell]")!.GetAttribute("aria-label");
    }

    [Fact]
    public async Task B6_an_email_the_rules_send_is_also_a_notification_with_a_bell_count_and_opening_it_marks_it_read_and_goes_to_the_thing()
    {
        var world = await BuildAsync();
        using var fay = await Fixture.SignedInAsync(world.Fay);
        Assert.Equal("Notifications, none unread", await BellAsync(fay));

        using var owner = await Fixture.SignedInAsync(world.Owner);
        await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}")]);

        // The same words, to the same person, written in the same transaction as the email.
        var notification = await Fixture.InDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == world.FayId));
        var email = await Fixture.InDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == world.Fay));
        Assert.Equal(email.Subject, notification.Title);
        Assert.Equal(NotificationKind.ClientInvitation, notification.Kind);
        Assert.Equal($"/{world.Far}/partner/client-invitations", notification.Link);
        Assert.Equal("Notifications, 1 unread", await BellAsync(fay));

        var (_, list) = await fay.GetPageAsync("/notifications");
        var item = list.QuerySelector($"[data-notification='{notification.Id}']")!;
        Assert.Equal("no", item.GetAttribute("data-read"));
        Assert.Contains("Bell Cafe invites Far Bell Agency", item.TextContent, StringComparison.Ordinal);

        var opened = await fay.PostCraftedAsync("/notifications?handler=Open", [F("id", $"{notification.Id}")]);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/{world.Far}/partner/client-invitations", BrowserLikeClient.LocationOf(opened));
        Assert.Equal("Notifications, none unread", await BellAsync(fay));
        var (_, unread) = await fay.GetPageAsync("/notifications?unread=true");
        Assert.NotNull(unread.QuerySelector("[data-testid=no-notifications]"));
    }

    [Fact]
    public async Task B6_another_users_notification_cannot_be_opened_or_read_and_stays_unread()
    {
        var world = await BuildAsync();
        using var owner = await Fixture.SignedInAsync(world.Owner);
        await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}")]);
        var id = await Fixture.InDbAsync(db => db.Notifications.Where(n => n.UserId == world.FayId).Select(n => n.Id).SingleAsync());

        using var boss = await Fixture.SignedInAsync(world.Boss);
        Assert.Equal(HttpStatusCode.NotFound, (await boss.PostCraftedAsync("/notifications?handler=Open", [F("id", $"{id}")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync("/notifications?handler=ReadAll", [])).StatusCode);
        var (_, list) = await boss.GetPageAsync("/notifications");
        Assert.Null(list.QuerySelector($"[data-notification='{id}']"));
        Assert.Null(await Fixture.InDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task B6_a_kind_turned_off_stays_in_the_app_but_is_not_emailed_while_security_notices_always_are()
    {
        var world = await BuildAsync();
        using var fay = await Fixture.SignedInAsync(world.Fay);
        using var boss = await Fixture.SignedInAsync(world.Boss);
        // Both turn every kind off: the form offers no checkbox for the security kinds, and a hand-made post cannot turn them off.
        var (_, form) = await fay.GetPageAsync("/notifications/preferences");
        Assert.True(form.QuerySelector($"#kind-{(int)NotificationKind.AccessRevoked}")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.Redirect, (await fay.PostCraftedAsync("/notifications/preferences", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await boss.PostCraftedAsync("/notifications/preferences", [F("email", "ClientInvitation")])).StatusCode);
        var (_, saved) = await fay.GetPageAsync("/notifications/preferences");
        Assert.False(saved.QuerySelector($"#kind-{(int)NotificationKind.ClientInvitation}")!.HasAttribute("checked"));

        using var owner = await Fixture.SignedInAsync(world.Owner);
        await owner.PostCraftedAsync($"/{world.Cafe}/client/partners?handler=Invite", [F("Data.PartnerHubId", $"{world.Far}")]);
        await owner.PostCraftedAsync($"/{world.Cafe}/client/partners/{world.Agency}/revoke", [F("confirm", "true")]);

        var mail = await Fixture.DeliveredMailAsync();
        Assert.DoesNotContain(mail, m => m.Contains(world.Fay, StringComparison.Ordinal)); // the invitation: turned off
        Assert.Contains(mail, m => m.Contains(world.Boss, StringComparison.Ordinal) && m.Contains("revoked your agency's access", StringComparison.Ordinal)); // security: always
        Assert.True(await Fixture.InDbAsync(db => db.Outbox.AnyAsync(m => m.To == world.Fay && m.Suppressed)));
        Assert.Equal("Notifications, 1 unread", await BellAsync(fay));
        Assert.True(await Fixture.InDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == world.BossId && n.Kind == NotificationKind.AccessRevoked)));
    }

    [Fact]
    public async Task B6_the_bell_costs_no_statement_of_its_own_and_caps_its_count_and_Mark_all_as_read_clears_it()
    {
        var world = await BuildAsync();
        using var fay = await Fixture.SignedInAsync(world.Fay);
        var counter = Fixture.Service<StatementCounter>();
        counter.Clear();
        await BellAsync(fay);
        var without = counter.Statements.Count;

        await Fixture.InDbAsync(async db =>
        {
            db.Notifications.AddRange(Enumerable.Range(0, 150).Select(i => new Notification(world.FayId, NotificationKind.ClientInvitation, $"Notice {i}", "Body", "/", DateTimeOffset.UtcNow)));
            return await db.SaveChangesAsync();
        });
        counter.Clear();
        Assert.Equal("Notifications, 99+ unread", await BellAsync(fay));
        Assert.Equal(without, counter.Statements.Count);

        // Keyset pages of 25: the sixth page is the last.
        var (_, first) = await fay.GetPageAsync("/notifications");
        Assert.Equal(25, first.QuerySelectorAll("[data-notification]").Length);
        var pages = 1;
        var next = first.QuerySelector("a:contains('Older')")?.GetAttribute("href");
        while (next is not null && pages < 10)
        {
            var (_, page) = await fay.GetPageAsync(next);
            pages++;
            next = page.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == "Older")?.GetAttribute("href");
        }
        Assert.Equal(6, pages);

        var readAll = await fay.PostCraftedAsync("/notifications?handler=ReadAll", []);
        Assert.Equal(HttpStatusCode.Redirect, readAll.StatusCode);
        Assert.Equal("Notifications, none unread", await BellAsync(fay));
        Assert.Equal(0, await Fixture.InDbAsync(db => db.Notifications.CountAsync(n => n.UserId == world.FayId && n.ReadAt == null)));
    }
}
