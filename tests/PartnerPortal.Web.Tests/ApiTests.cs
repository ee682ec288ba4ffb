using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>B8: personal access tokens and the JSON API — the same requests as the pages, through the same gate, with the token's own limits.</summary>
public sealed class ApiTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record World(long Agency, long Other, long Client, string Ana, Guid Ben, long SalesSet);

    private async Task<World> BuildAsync()
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Api Agency");
            var other = w.Partner("Api Other Agency");
            var ana = w.Employee(agency, "Ana Api", AccessType.SuperAdmin);
            w.Employee(other, ana, AccessType.SuperAdmin);
            var ben = w.Employee(agency, "Ben Api");
            var client = w.Client("Api Client Co");
            w.Services(agency, client);
            w.Seat(client, agency, ana, AccessType.PartnerAdmin);
            return (agency.HubId, other.HubId, client.HubId, ana.Email, ben.Id);
        });
        var sales = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == world.Item3 && s.Name == "Sales").Select(s => s.Id).SingleAsync());
        return new World(world.Item1, world.Item2, world.Item3, world.Item4, world.Item5, sales);
    }

    /// <summary>Makes a token on the page, as its owner would, and reads the secret the page shows once.</summary>
    private static async Task<string> MakeTokenAsync(BrowserLikeClient browser, long account, params string[] scopes)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Data.Name", "Nightly script"), new("Data.AccountHubId", account.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Data.Days", "30"),
        };
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("scopes", s)));
        using var made = await browser.SubmitFormAsync("/account/api-tokens", fields);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var page = await BrowserLikeClient.ParseAsync(made);
        var secret = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#new-token")?.Value;
        Assert.True(secret is not null, BrowserLikeClient.MainText(page));
        return secret!;
    }

    private HttpClient Api(string? token)
    {
        var http = Fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BrowserLikeClient.BaseAddress });
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task B8_a_token_is_shown_once_kept_as_its_hash_and_opens_the_api_in_its_one_account()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        var secret = await MakeTokenAsync(browser, world.Agency, "Read");
        Assert.StartsWith(ApiToken.Prefix, secret, StringComparison.Ordinal);

        // Kept as its hash: the secret itself is nowhere in the row, and the page never shows it again.
        var row = await Fixture.InDbAsync(db => db.ApiTokens.SingleAsync(t => t.Name == "Nightly script"));
        Assert.Equal(SecretToken.HashOf(secret), row.TokenHash);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(row), StringComparison.Ordinal);
        var (_, again) = await browser.GetPageAsync("/account/api-tokens");
        Assert.DoesNotContain(secret, again.Source.Text, StringComparison.Ordinal);
        Assert.Contains("Nightly script", BrowserLikeClient.MainText(again), StringComparison.Ordinal);

        using var api = Api(secret);
        using (var me = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var body = await JsonAsync(me);
            Assert.Equal(world.Agency, body.GetProperty("accountHubId").GetInt64());
            Assert.Equal(world.Ana, body.GetProperty("email").GetString());
            Assert.Equal(["read"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        }
        using (var clients = await api.GetAsync(new Uri($"/api/v1/partners/{world.Agency}/clients", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
            var body = await JsonAsync(clients);
            var only = Assert.Single(body.GetProperty("items").EnumerateArray());
            Assert.Equal(world.Client, only.GetProperty("hubId").GetInt64());
            Assert.Equal("partnerAdmin", only.GetProperty("yourAccessType").GetString());
            Assert.Equal("active", only.GetProperty("relationship").GetString());
        }
        // Ana is Super Admin of the other agency too, but this token is for one account: the other is not found.
        using (var other = await api.GetAsync(new Uri($"/api/v1/partners/{world.Other}/clients", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        }
        // A read token changes nothing.
        using (var add = await api.PostAsJsonAsync(new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}/employees", UriKind.Relative),
                   new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
            Assert.Contains("lacks the client-access scope", (await JsonAsync(add)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));

        // Revoked on the page: refused on its next request.
        using (var revoked = await browser.SubmitFormAsync("/account/api-tokens", [], $"form[action*='Revoke']"))
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        using (var after = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            Assert.Contains("revoked", (await JsonAsync(after)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task B8_the_api_takes_a_token_only_never_the_sign_in_cookie_and_answers_problems()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        // Signed in in the browser, the API is still closed: a page elsewhere cannot make a signed-in browser call it.
        using (var withCookie = await browser.GetAsync($"/api/v1/partners/{world.Agency}/clients"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
            Assert.Equal("application/problem+json", withCookie.Content.Headers.ContentType?.MediaType);
        }
        using var none = Api(null);
        using (var anonymous = await none.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }
        using var forged = Api(ApiToken.Prefix + new string('A', 43));
        using (var unknown = await forged.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using (var nowhere = await none.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
            Assert.Equal("application/problem+json", nowhere.Content.Headers.ContentType?.MediaType);
        }

        // An expired token: refused, and said so.
        var (expired, secret) = ApiToken.Issue(await Fixture.UserIdAsync(world.Ana), world.Agency, "Old script", ApiScopes.Read, 1, DateTimeOffset.UtcNow.AddDays(-2));
        await Fixture.InDbAsync(async db => { db.ApiTokens.Add(expired); return await db.SaveChangesAsync(); });
        using var old = Api(secret);
        using (var refused = await old.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("expired", (await JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Input a validator refuses: 400 with the errors by field, and nothing changed.
        var token = await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess");
        using var api = Api(token);
        using (var bad = await api.PostAsJsonAsync(new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}/employees", UriKind.Relative),
                   new { employeeIds = Array.Empty<Guid>(), permissionSetId = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await JsonAsync(bad)).GetProperty("errors");
            Assert.Equal("Select at least one employee.", errors.GetProperty("employeeIds")[0].GetString());
            Assert.Equal("Select a permission set.", errors.GetProperty("permissionSetId")[0].GetString());
        }
        using (var page = await api.GetAsync(new Uri($"/api/v1/partners/{world.Agency}/clients?size=7", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task B8_a_change_through_a_token_is_the_pages_change_audited_with_the_token_and_it_loses_its_power_with_its_user()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        var secret = await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess");
        var tokenId = await Fixture.InDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == SecretToken.HashOf(secret)).Select(t => t.Id).SingleAsync());
        using var api = Api(secret);
        using (var add = await api.PostAsJsonAsync(new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}/employees", UriKind.Relative),
                   new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet, endsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)) }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
            Assert.Equal(1, (await JsonAsync(add)).GetProperty("changed").GetInt32());
        }
        var entry = await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.AccountHubId == world.Client).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(tokenId, entry.ApiTokenId);
        Assert.Equal(await Fixture.UserIdAsync(world.Ana), entry.ActorUserId);
        var (_, trail) = await browser.GetPageAsync($"/{world.Agency}/partner/audit-trail");
        Assert.Contains($"{world.Ana} through the API token “Nightly script”", BrowserLikeClient.MainText(trail), StringComparison.Ordinal);
        var lastUsed = await Fixture.InDbAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);

        // Ana stops being a Partner Admin in the client (its own Super Admin demotes her): the token cannot add anyone there either.
        var anaId = await Fixture.UserIdAsync(world.Ana);
        await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == anaId).ExecuteDeleteAsync());
        using (var refused = await api.PostAsJsonAsync(new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}/employees", UriKind.Relative),
                   new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // Removed from the agency: the token opens nothing there.
        await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Agency && m.UserId == anaId).ExecuteDeleteAsync());
        using (var gone = await api.GetAsync(new Uri($"/api/v1/partners/{world.Agency}/clients", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task B8_a_client_reads_its_ledger_revokes_a_partner_employee_and_finds_it_in_its_trail_through_the_api()
    {
        var world = await BuildAsync();
        var owner = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.AccessType == AccessType.SuperAdmin && m.PartnerHubId == null)
            .Select(m => m.User!.Email).SingleAsync());
        using var browser = await Fixture.SignedInAsync(owner);
        var secret = await MakeTokenAsync(browser, world.Client, "Read", "ClientAccess", "Audit");
        using var api = Api(secret);
        var anaId = await Fixture.UserIdAsync(world.Ana);

        using (var ledger = await api.GetAsync(new Uri($"/api/v1/clients/{world.Client}/partner-access", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
            var only = Assert.Single((await JsonAsync(ledger)).GetProperty("items").EnumerateArray());
            Assert.Equal(anaId, only.GetProperty("userId").GetGuid());
            Assert.Equal(world.Agency, only.GetProperty("partnerHubId").GetInt64());
        }
        using (var revoke = await api.PostAsJsonAsync(new Uri($"/api/v1/clients/{world.Client}/partner-access/revoke", UriKind.Relative), new { userIds = new[] { anaId } }))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            Assert.Equal("Access revoked for 1 partner employee.", (await JsonAsync(revoke)).GetProperty("message").GetString());
        }
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == anaId)));

        using (var trail = await api.GetAsync(new Uri($"/api/v1/clients/{world.Client}/audit-trail?who={Uri.EscapeDataString(owner)}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, trail.StatusCode);
            var body = await JsonAsync(trail);
            var entry = body.GetProperty("items").EnumerateArray().First();
            Assert.Equal(owner, entry.GetProperty("by").GetString());
            Assert.Equal("Nightly script", entry.GetProperty("token").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        }
        using (var badCursor = await api.GetAsync(new Uri($"/api/v1/clients/{world.Client}/audit-trail?after=not-a-cursor", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
            Assert.Equal("That page of the trail does not exist.", (await JsonAsync(badCursor)).GetProperty("errors").GetProperty("after")[0].GetString());
        }
        // The client's token reaches nothing of the partner's, whatever the scope.
        using (var partnerTrail = await api.GetAsync(new Uri($"/api/v1/partners/{world.Agency}/audit-trail", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, partnerTrail.StatusCode);
    }

    [Fact]
    public async Task B8_a_post_repeated_with_its_idempotency_key_gets_the_first_answer_and_changes_nothing_twice_also_20_at_once()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        var secret = await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess");
        var add = new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}/employees", UriKind.Relative);
        async Task<HttpResponseMessage> PostAsync(string key, object body)
        {
            using var api = Api(secret);
            using var request = new HttpRequestMessage(HttpMethod.Post, add) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await api.SendAsync(request);
        }
        var body = new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet };
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync("add-ben-1", body)));
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(texts.Distinct());
        Assert.Equal(1, JsonDocument.Parse(texts[0]).RootElement.GetProperty("changed").GetInt32());
        Assert.Equal(19, answers.Count(a => a.Headers.Contains("Idempotent-Replayed")));
        // One operation ran: the audit entries made through the token are one request's.
        Assert.Equal(1, await Fixture.InDbAsync(db => db.AuditEntries.Where(a => a.AccountHubId == world.Client && a.ApiTokenId != null).Select(a => a.OperationId).Distinct().CountAsync()));

        using (var later = await PostAsync("add-ben-1", body))
        {
            Assert.Equal(texts[0], await later.Content.ReadAsStringAsync());
            Assert.Equal("true", later.Headers.GetValues("Idempotent-Replayed").Single());
        }
        using (var otherRequest = await PostAsync("add-ben-1", new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet + 1 }))
            Assert.Equal((HttpStatusCode)422, otherRequest.StatusCode);
        // Without a key, a second post is a second request (here: Ben already has that access, nothing changes).
        using (var again = await PostAsync("add-ben-2", body))
            Assert.Equal(0, (await JsonAsync(again)).GetProperty("changed").GetInt32());
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task B8_the_client_access_manager_through_the_api_details_permission_sets_removals_with_their_review_links_and_access_links()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using var api = Api(await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess"));
        var cam = $"/api/v1/partners/{world.Agency}";
        Uri At(string path) => new(cam + path, UriKind.Relative);
        using (var add = await api.PostAsJsonAsync(At($"/clients/{world.Client}/employees"), new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet }))
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);

        using (var details = await api.GetAsync(At($"/clients/{world.Client}")))
        {
            var body = await JsonAsync(details);
            Assert.True(body.GetProperty("youAdminister").GetBoolean());
            Assert.Contains(body.GetProperty("employees").EnumerateArray(), e => e.GetProperty("userId").GetGuid() == world.Ben && e.GetProperty("permissionSet").GetString() == "Sales");
        }
        var readOnly = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == world.Client && s.Name == "Read only").Select(s => s.Id).SingleAsync());
        using (var change = await api.PostAsJsonAsync(At($"/clients/{world.Client}/employees/{world.Ben}/permission-set"), new { permissionSetId = readOnly }))
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(readOnly, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == world.Ben).Select(m => m.PermissionSetId).SingleAsync()));
        using (var bens = await api.GetAsync(At($"/employees/{world.Ben}/clients")))
            Assert.Contains((await JsonAsync(bens)).GetProperty("clients").EnumerateArray(), c => c.GetProperty("hubId").GetInt64() == world.Client);

        // The review changes nothing; the removal does, with the same words.
        var pairs = new { pairs = new[] { new { clientHubId = world.Client, userId = world.Ben } } };
        string summary;
        using (var review = await api.PostAsJsonAsync(At("/removals/review"), pairs))
        {
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
            summary = (await JsonAsync(review)).GetProperty("summary").GetString()!;
        }
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));
        using (var removal = await api.PostAsJsonAsync(At("/removals"), pairs))
        {
            Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
            Assert.Equal(summary, (await JsonAsync(removal)).GetProperty("summary").GetString());
        }
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));
        using (var none = await api.PostAsJsonAsync(At("/removals"), new { pairs = Array.Empty<object>() }))
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);

        // A rule's refusal is a 409 with the rule's own words (R8: only a user of the client can be linked).
        using (var link = await api.PostAsJsonAsync(At($"/employees/{world.Ben}/link-clients"), new { clientHubIds = new[] { world.Client } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
            Assert.Equal("Api Client Co: They are not a user of Api Client Co, so there is nothing to link.", (await JsonAsync(link)).GetProperty("detail").GetString());
        }

        async Task<string?> LinkAsync()
        {
            using var accessLink = await api.GetAsync(At($"/employees/{world.Ben}/access-link"));
            Assert.Equal(HttpStatusCode.OK, accessLink.StatusCode);
            return (await JsonAsync(accessLink)).GetProperty("link").GetString();
        }
        async Task ResetAsync()
        {
            using var reset = await api.PostAsync(At($"/employees/{world.Ben}/access-link/reset"), null);
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }
        await ResetAsync();
        var first = await LinkAsync();
        Assert.Contains("/access/", first, StringComparison.Ordinal);
        await ResetAsync(); // R4: the old link stops working, a new one replaces it
        Assert.NotEqual(first, await LinkAsync());
    }

    [Fact]
    public async Task B8_offboarding_reviews_end_dates_and_a_clients_partners_through_the_api()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using var api = Api(await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess"));
        Uri At(string path) => new($"/api/v1/partners/{world.Agency}{path}", UriKind.Relative);
        using (var add = await api.PostAsJsonAsync(At($"/clients/{world.Client}/employees"), new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet }))
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);

        using (var reviews = await api.GetAsync(At("/access-reviews")))
        {
            Assert.Equal(HttpStatusCode.OK, reviews.StatusCode);
            Assert.True((await JsonAsync(reviews)).GetProperty("staleAfterDays").GetInt32() > 0);
        }
        using (var review = await api.PostAsync(At($"/employees/{world.Ben}/offboarding/review"), null))
        {
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
            Assert.Contains((await JsonAsync(review)).GetProperty("items").EnumerateArray(), i => i.GetProperty("clientHubId").GetInt64() == world.Client);
        }
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));
        using (var offboard = await api.PostAsJsonAsync(At($"/employees/{world.Ben}/offboarding"), new { alsoFromPartner = false }))
        {
            Assert.Equal(HttpStatusCode.OK, offboard.StatusCode);
            var receipt = await JsonAsync(offboard);
            var operation = receipt.GetProperty("operationId").GetGuid();
            Assert.EndsWith($"/receipts/{operation}", receipt.GetProperty("receiptUrl").GetString(), StringComparison.Ordinal);
            Assert.True(await Fixture.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.OperationId == operation && a.AccountHubId == world.Client)));
        }
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));

        // The client's side: its partners, and an end date on Ana's access.
        var owner = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.AccessType == AccessType.SuperAdmin && m.PartnerHubId == null)
            .Select(m => m.User!.Email).SingleAsync());
        using var ownerBrowser = await Fixture.SignedInAsync(owner);
        using var client = Api(await MakeTokenAsync(ownerBrowser, world.Client, "Read", "ClientAccess"));
        using (var partners = await client.GetAsync(new Uri($"/api/v1/clients/{world.Client}/partners", UriKind.Relative)))
        {
            var only = Assert.Single((await JsonAsync(partners)).EnumerateArray());
            Assert.Equal(world.Agency, only.GetProperty("hubId").GetInt64());
            Assert.Equal("active", only.GetProperty("relationship").GetString());
        }
        var anaId = await Fixture.UserIdAsync(world.Ana);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10));
        using (var endDate = await client.PostAsJsonAsync(new Uri($"/api/v1/clients/{world.Client}/partner-access/end-date", UriKind.Relative), new { userId = anaId, endsOn = lastDay }))
            Assert.Equal(HttpStatusCode.OK, endDate.StatusCode);
        Assert.NotNull(await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == anaId).Select(m => m.ExpiresAt).SingleAsync()));
        using (var past = await client.PostAsJsonAsync(new Uri($"/api/v1/clients/{world.Client}/partner-access/end-date", UriKind.Relative),
                   new { userId = anaId, endsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)) }))
            Assert.True(past.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, past.StatusCode.ToString());
        using (var revoke = await client.PostAsync(new Uri($"/api/v1/clients/{world.Client}/partners/{world.Agency}/revoke", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == anaId)));
    }

    [Fact]
    public async Task B8_idempotency_keys_are_forgotten_after_a_day()
    {
        var ana = await Fixture.UserIdAsync(Personas.PartnerSuperAdmin);
        var (token, _) = ApiToken.Issue(ana, Personas.Brightwave, "Keys", ApiScopes.ClientAccess, 30, DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        await Fixture.InDbAsync(async db =>
        {
            db.ApiTokens.Add(token);
            db.IdempotentRequests.Add(new PartnerPortal.Data.IdempotentRequest(token.Id, "old", "f", now.AddHours(-25)));
            db.IdempotentRequests.Add(new PartnerPortal.Data.IdempotentRequest(token.Id, "new", "f", now.AddHours(-23)));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, await Fixture.InDbAsync(db => PartnerPortal.Web.Api.Idempotency.ForgetOldAsync(db, now, CancellationToken.None)));
        Assert.Equal(["new"], await Fixture.InDbAsync(db => db.IdempotentRequests.Select(r => r.Key).ToListAsync()));
    }

    [Fact]
    public async Task B8_users_through_the_api_the_partners_own_a_new_one_with_the_users_scope_and_the_clients()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using var reader = Api(await MakeTokenAsync(browser, world.Agency, "Read"));
        using var admin = Api(await MakeTokenAsync(browser, world.Agency, "Read", "Users"));
        var users = new Uri($"/api/v1/partners/{world.Agency}/users", UriKind.Relative);
        using (var list = await reader.GetAsync(users))
            Assert.Contains((await JsonAsync(list)).GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == world.Ana);
        var newcomer = new { email = "nora.new@apiagency.example", name = "Nora New", superAdmin = false, permissions = new[] { "ClientAccessManager" } };
        using (var refused = await reader.PostAsJsonAsync(users, newcomer))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var created = await admin.PostAsJsonAsync(users, newcomer))
            Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        Assert.True(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Agency && m.User!.Email == "nora.new@apiagency.example")));
        using (var invalid = await admin.PostAsJsonAsync(users, new { email = "not an email", name = "" }))
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var owner = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.AccessType == AccessType.SuperAdmin && m.PartnerHubId == null)
            .Select(m => m.User!.Email).SingleAsync());
        using var ownerBrowser = await Fixture.SignedInAsync(owner);
        using var client = Api(await MakeTokenAsync(ownerBrowser, world.Client, "Read"));
        using (var clientUsers = await client.GetAsync(new Uri($"/api/v1/clients/{world.Client}/users", UriKind.Relative)))
            Assert.Contains((await JsonAsync(clientUsers)).GetProperty("items").EnumerateArray(), u => u.GetProperty("email").GetString() == world.Ana);
    }

    [Fact]
    public async Task B8_assignments_and_a_clients_invitation_to_a_partner_through_the_api()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using var api = Api(await MakeTokenAsync(browser, world.Agency, "ClientAccess"));
        using (var assign = await api.PostAsJsonAsync(new Uri($"/api/v1/partners/{world.Agency}/assignments", UriKind.Relative),
                   new { employeeIds = new[] { world.Ben }, clientHubIds = new[] { world.Client } }))
        {
            Assert.True(assign.StatusCode == HttpStatusCode.OK, await assign.Content.ReadAsStringAsync());
            var body = await JsonAsync(assign);
            Assert.Equal(1, body.GetProperty("added").GetInt32());
            Assert.Equal([world.Ben], body.GetProperty("withoutAccess").EnumerateArray().Select(e => e.GetGuid()).ToArray()); // R16: no access granted
        }
        Assert.False(await Fixture.InDbAsync(db => db.Memberships.AnyAsync(m => m.AccountHubId == world.Client && m.UserId == world.Ben)));

        var owner = await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.AccessType == AccessType.SuperAdmin && m.PartnerHubId == null)
            .Select(m => m.User!.Email).SingleAsync());
        using var ownerBrowser = await Fixture.SignedInAsync(owner);
        using var client = Api(await MakeTokenAsync(ownerBrowser, world.Client, "ClientAccess"));
        var invitations = new Uri($"/api/v1/clients/{world.Client}/partners/invitations", UriKind.Relative);
        using (var invite = await client.PostAsJsonAsync(invitations, new { partnerHubId = world.Other }))
            Assert.True(invite.StatusCode == HttpStatusCode.OK, await invite.Content.ReadAsStringAsync());
        Assert.True(await Fixture.InDbAsync(db => db.ClientInvitations.AnyAsync(i => i.ClientHubId == world.Client && i.PartnerHubId == world.Other)));
        using (var none = await client.PostAsJsonAsync(invitations, new { partnerHubId = (long?)null }))
            Assert.Equal("Enter your partner's Hub ID.", (await JsonAsync(none)).GetProperty("errors").GetProperty("partnerHubId")[0].GetString());
    }

    [Fact]
    public async Task B8_a_change_with_if_match_is_refused_when_the_client_changed_since_its_etag()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using var api = Api(await MakeTokenAsync(browser, world.Agency, "Read", "ClientAccess"));
        var details = new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}", UriKind.Relative);
        async Task<string> ETagAsync()
        {
            using var read = await api.GetAsync(details);
            return read.Headers.ETag!.Tag;
        }
        async Task<HttpResponseMessage> SendAsync(string path, object body, string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/partners/{world.Agency}/clients/{world.Client}{path}", UriKind.Relative))
            {
                Content = JsonContent.Create(body),
            };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await api.SendAsync(request);
        }
        var first = await ETagAsync();
        using (var add = await SendAsync("/employees", new { employeeIds = new[] { world.Ben }, permissionSetId = world.SalesSet }, first))
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var readOnly = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == world.Client && s.Name == "Read only").Select(s => s.Id).SingleAsync());
        // The addition changed the client: a change decided on the first read is refused, and changes nothing.
        using (var stale = await SendAsync($"/employees/{world.Ben}/permission-set", new { permissionSetId = readOnly }, first))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal((int?)world.SalesSet, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == world.Ben).Select(m => m.PermissionSetId).SingleAsync()));
        using (var unreadable = await SendAsync($"/employees/{world.Ben}/permission-set", new { permissionSetId = readOnly }, "W/\"soon\""))
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var second = await ETagAsync();
        Assert.NotEqual(first, second);
        using (var fresh = await SendAsync($"/employees/{world.Ben}/permission-set", new { permissionSetId = readOnly }, second))
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(readOnly, await Fixture.InDbAsync(db => db.Memberships.Where(m => m.AccountHubId == world.Client && m.UserId == world.Ben).Select(m => m.PermissionSetId).SingleAsync()));
    }

    [Fact]
    public async Task B8_a_token_is_made_only_for_an_account_of_yours_and_revoked_only_by_its_owner()
    {
        var world = await BuildAsync();
        using var browser = await Fixture.SignedInAsync(world.Ana);
        using (var stranger = await browser.SubmitFormAsync("/account/api-tokens", new Dictionary<string, string>
               {
                   ["Data.Name"] = "Elsewhere", ["Data.AccountHubId"] = Personas.HarborCoffee.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scopes"] = "Read",
               }))
        {
            Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
            Assert.Contains("You are not a member of an account with that Hub ID.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(stranger)), StringComparison.Ordinal);
        }
        using (var noScope = await browser.SubmitFormAsync("/account/api-tokens", new Dictionary<string, string>
               {
                   ["Data.Name"] = "No scope", ["Data.AccountHubId"] = world.Agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
               }))
            Assert.Contains("Choose at least one scope.", BrowserLikeClient.MainText(await BrowserLikeClient.ParseAsync(noScope)), StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.InDbAsync(db => db.ApiTokens.CountAsync()));

        await MakeTokenAsync(browser, world.Agency, "Read");
        var id = await Fixture.InDbAsync(db => db.ApiTokens.Select(t => t.Id).SingleAsync());
        using var ben = await Fixture.SignedInAsync(Personas.PlainPartnerEmployee);
        var antiforgery = await ben.AntiforgeryTokenAsync();
        using (var forged = await ben.PostRawAsync($"/account/api-tokens?handler=Revoke&id={id}", [new("__RequestVerificationToken", antiforgery)]))
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Null(await Fixture.InDbAsync(db => db.ApiTokens.Where(t => t.Id == id).Select(t => t.RevokedAt).SingleAsync()));
    }
}

/// <summary>B8: the published OpenAPI document describes every endpoint: what it does, the scope it needs and how it can fail.</summary>
public sealed class OpenApiDocumentTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task B8_every_api_endpoint_has_a_summary_its_scope_and_its_error_answers_in_the_document()
    {
        using var anonymous = Fixture.CreateClient();
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Op: op.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Name == "POST /api/v1/partners/{hubId}/clients/{clientHubId}/employees");
        var wrong = new List<string>();
        foreach (var (name, op) in operations)
        {
            var summary = op.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
            if (summary.Length < 20) wrong.Add($"{name}: no summary");
            if (!summary.Contains("Scope: ", StringComparison.Ordinal)) wrong.Add($"{name}: its summary does not say its scope");
            var answers = op.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            if (!answers.Contains("200") && !answers.Contains("204")) wrong.Add($"{name}: no success answer");
            foreach (var status in new[] { "401", "403" })
                if (!answers.Contains(status)) wrong.Add($"{name}: no {status} answer");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}

/// <summary>
/// B8: every endpoint of the API, read from the running app, under every kind of token that must not pass — none, unknown,
/// expired, revoked, another tenant's, one without the scope — and with hostile input: no unexpected allow, never a 5xx.
/// </summary>
public sealed class ApiMatrixTests(PortalFixture fixture) : PortalTest(fixture)
{
    private sealed record Endpoint(string Method, string Template, ApiScopes Scope, bool ClientSide);

    private List<Endpoint> Endpoints()
    {
        var sources = Fixture.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        return sources.Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e, m)))
            .Select(x => new Endpoint(x.m, x.e.RoutePattern.RawText!, ScopeOf(x.e), x.e.RoutePattern.RawText!.StartsWith("/api/v1/clients/", StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>The scope an endpoint needs, from its summary ("Scope: client-access."): the document and the gate say the same.</summary>
    private static ApiScopes ScopeOf(Microsoft.AspNetCore.Http.Endpoint endpoint)
    {
        var summary = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>()?.Summary ?? "";
        var named = summary[(summary.LastIndexOf("Scope: ", StringComparison.Ordinal) + 7)..].TrimEnd('.');
        return named switch
        {
            "read" => ApiScopes.Read, "client-access" => ApiScopes.ClientAccess, "users" => ApiScopes.Users, "audit" => ApiScopes.Audit, "any" => ApiScopes.None,
            _ => throw new InvalidOperationException($"{endpoint.DisplayName}: the summary names no scope"),
        };
    }

    private async Task<string> TokenAsync(string email, long account, ApiScopes scopes, int ageDays = 0, bool revoked = false)
    {
        var userId = await Fixture.UserIdAsync(email);
        var (token, secret) = ApiToken.Issue(userId, account, "Matrix", scopes, ageDays > 0 ? ageDays / 2 : 30, DateTimeOffset.UtcNow.AddDays(-ageDays));
        if (revoked) token.Revoke(DateTimeOffset.UtcNow);
        await Fixture.InDbAsync(async db => { db.ApiTokens.Add(token); return await db.SaveChangesAsync(); });
        return secret;
    }

    private async Task<string> UrlAsync(Endpoint endpoint)
    {
        var employee = await Fixture.UserIdAsync(Personas.PlainPartnerEmployee);
        return endpoint.Template
            .Replace("{hubId:long}", (endpoint.ClientSide ? Personas.HarborCoffee : Personas.Brightwave).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{clientHubId:long}", Personas.HarborCoffee.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{partnerHubId:long}", Personas.Brightwave.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{employeeId:guid}", employee.ToString(), StringComparison.Ordinal);
    }

    private HttpClient Api(string? token)
    {
        var http = Fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BrowserLikeClient.BaseAddress });
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient api, string method, string url, string body = "{}")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method == "POST") request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task B8_no_endpoint_opens_to_a_token_that_must_not_pass()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count >= 20, $"{endpoints.Count} API endpoints found");
        var ava = Personas.PartnerSuperAdmin;
        var maria = Personas.ClientSuperAdmin;
        var kinds = new (string Kind, string? Partner, string? Client, Func<Endpoint, bool> Refused, HttpStatusCode[] Expected)[]
        {
            ("no token", null, null, _ => true, [HttpStatusCode.Unauthorized]),
            ("an unknown token", ApiToken.Prefix + new string('x', 43), ApiToken.Prefix + new string('y', 43), _ => true, [HttpStatusCode.Unauthorized]),
            ("an expired token", await TokenAsync(ava, Personas.Brightwave, (ApiScopes)15, ageDays: 40), await TokenAsync(maria, Personas.HarborCoffee, (ApiScopes)15, ageDays: 40),
                _ => true, [HttpStatusCode.Unauthorized]),
            ("a revoked token", await TokenAsync(ava, Personas.Brightwave, (ApiScopes)15, revoked: true), await TokenAsync(maria, Personas.HarborCoffee, (ApiScopes)15, revoked: true),
                _ => true, [HttpStatusCode.Unauthorized]),
            // Another tenant's own token, every scope: Crestline's Super Admin, and Nordic's, in each other's place.
            ("another tenant's token", await TokenAsync(Personas.OtherPartnerSuperAdmin, Personas.Crestline, (ApiScopes)15),
                await TokenAsync(Personas.NordicSuperAdmin, Personas.NordicOutdoor, (ApiScopes)15), e => e.Template != "/api/v1/me", [HttpStatusCode.NotFound]),
            // The right account, no scope for what the endpoint needs (read only; for a read endpoint, audit only).
            ("a token without the scope", null, null, e => e.Scope != ApiScopes.None, [HttpStatusCode.Forbidden]),
        };
        var readOnlyPartner = await TokenAsync(ava, Personas.Brightwave, ApiScopes.Read);
        var auditOnlyPartner = await TokenAsync(ava, Personas.Brightwave, ApiScopes.Audit);
        var readOnlyClient = await TokenAsync(maria, Personas.HarborCoffee, ApiScopes.Read);
        var auditOnlyClient = await TokenAsync(maria, Personas.HarborCoffee, ApiScopes.Audit);
        var unexpected = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = await UrlAsync(endpoint);
            foreach (var (kind, partner, client, refused, expected) in kinds)
            {
                if (!refused(endpoint)) continue;
                var token = kind == "a token without the scope"
                    ? endpoint.ClientSide ? (endpoint.Scope == ApiScopes.Read ? auditOnlyClient : readOnlyClient) : (endpoint.Scope == ApiScopes.Read ? auditOnlyPartner : readOnlyPartner)
                    : endpoint.ClientSide ? client : partner;
                using var api = Api(token);
                var status = await SendAsync(api, endpoint.Method, url);
                if (!expected.Contains(status)) unexpected.Add($"{endpoint.Method} {url} with {kind}: {(int)status}");
            }
        }
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    [Fact]
    public async Task B8_every_read_of_the_api_sends_a_fixed_small_number_of_statements()
    {
        var partner = await TokenAsync(Personas.PartnerSuperAdmin, Personas.Brightwave, (ApiScopes)15);
        var client = await TokenAsync(Personas.ClientSuperAdmin, Personas.HarborCoffee, (ApiScopes)15);
        var counter = Fixture.Service<StatementCounter>();
        var over = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Method == "GET"))
        {
            using var api = Api(endpoint.ClientSide ? client : partner);
            var url = await UrlAsync(endpoint);
            await SendAsync(api, "GET", url); // the token's last use is written at most once a minute: not counted
            counter.Clear();
            var status = await SendAsync(api, "GET", url);
            // The token's statement, the gate's, the page's own reads, an ETag: 2 to 6 (as a page, whose six include its session and menu).
            if (status != HttpStatusCode.OK || counter.Statements.Count > 6) over.Add($"{url}: {(int)status}, {counter.Statements.Count} statements");
        }
        Assert.True(over.Count == 0, string.Join(Environment.NewLine, over));
    }

    [Fact]
    public async Task B8_hostile_input_to_every_endpoint_is_refused_never_a_5xx()
    {
        var partner = await TokenAsync(Personas.PartnerSuperAdmin, Personas.Brightwave, (ApiScopes)15);
        var client = await TokenAsync(Personas.ClientSuperAdmin, Personas.HarborCoffee, (ApiScopes)15);
        string[] bodies =
        [
            "not json", "[]", "null", "{\"employeeIds\":\"everyone\"}", "{\"pairs\":[{\"clientHubId\":-1,\"userId\":\"00000000-0000-0000-0000-000000000000\"}]}",
            "{\"permissionSetId\":2147483647,\"endsOn\":\"9999-12-31\"}", "{\"userIds\":[\"" + Guid.NewGuid() + "\"]}", "{\"decision\":\"" + new string('x', 5000) + "\"}",
        ];
        string[] queries = ["?size=1000000", "?page=-5", "?q=" + new string('%', 300), "?after=%00", "?types=root", "?from=0001-01-01&to=9999-12-31", "?client=99999999999"];
        var failures = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            using var api = Api(endpoint.ClientSide ? client : partner);
            var url = await UrlAsync(endpoint);
            var tries = endpoint.Method == "POST" ? bodies.Select(b => (url, b)) : queries.Select(q => (url + q, "{}"));
            foreach (var (address, body) in tries)
            {
                var status = await SendAsync(api, endpoint.Method, address, body);
                if ((int)status >= 500) failures.Add($"{endpoint.Method} {address} with {body[..Math.Min(body.Length, 40)]}: {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
