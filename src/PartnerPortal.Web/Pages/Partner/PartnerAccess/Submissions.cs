using System.Globalization;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Infrastructure.Mail;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>
/// R27: the public holidays the expected decision date skips, besides weekends. <c>PartnerAccess:Calendar</c> is the calendar
/// shipped — <c>Standard</c> (the default: 1 January, 24–26 and 31 December of every year, when reviewers are away) or
/// <c>None</c> — and <c>PartnerAccess:Holidays</c> adds the operator's own days.
/// </summary>
public sealed class PartnerAccessOptions
{
    public const string StandardCalendar = "Standard";

    public string Calendar { get; set; } = StandardCalendar;

    public IList<DateOnly> Holidays { get; } = [];

    /// <summary>Every holiday from a year before <paramref name="now"/> to two years after (a decision date is days away).</summary>
    public IReadOnlySet<DateOnly> HolidaysAround(DateTimeOffset now)
    {
        var set = Holidays.ToHashSet();
        if (!string.Equals(Calendar, StandardCalendar, StringComparison.OrdinalIgnoreCase)) return set;
        for (var year = now.Year - 1; year <= now.Year + 2; year++)
            foreach (var (month, day) in StandardDays) set.Add(new DateOnly(year, month, day));
        return set;
    }

    private static readonly (int Month, int Day)[] StandardDays = [(1, 1), (12, 24), (12, 25), (12, 26), (12, 31)];
}

/// <summary>
/// R25–R27: the one home of submitting Partner Access requests — one from the request page, or every row of a bulk file.
/// Each row is judged on facts read for the whole batch at once (a constant number of statements, whatever the number
/// of rows): invalid (no Hub ID, no such user in the partner's user list, a duplicate row, a client the partner does not
/// service), refused with every unmet condition by name (or an open request already there), or submitted. Submitting
/// tells each client's primary admin and the partner's channel consultant, in the same transaction.
/// </summary>
public sealed class Submissions(PortalDb db, MailOutbox mail, PublicUrls urls, TimeProvider clock, IOptions<PartnerAccessOptions> options)
{
    public enum Verdict { Submitted, Refused, Invalid }

    /// <summary>A row's result; <see cref="Conditions"/> are every condition as judged (null when the row was invalid).</summary>
    /// <param name="ClientName">The client's name when it is one the partner services, else null.</param>
    public sealed record RowResult(int Line, string HubId, string Email, Verdict Verdict, string Detail, IReadOnlyList<PartnerAccessRequest.Condition>? Conditions,
        string? ClientName = null)
    {
        public string VerdictText => Verdict switch
        {
            Verdict.Submitted => "Submitted",
            Verdict.Refused => "Refused",
            _ => "Invalid",
        };
    }

    /// <summary>
    /// Judges <paramref name="rows"/> for the partner; unless <paramref name="checkOnly"/>, writes a request for each row that
    /// may be made, and the notices, in the command's transaction.
    /// </summary>
    public async Task<IReadOnlyList<RowResult>> JudgeAsync(long partnerHubId, string partnerName, Guid requestedBy, IReadOnlyList<RequestFile.Row> rows,
        bool checkOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = clock.GetUtcNow();
        var parsed = rows.Select(r => (Row: r, HubId: ParseHubId(r.HubId), Email: EmailAddress.IsValid(r.Email) ? EmailAddress.Normalize(r.Email) : null)).ToList();
        var hubIds = parsed.Where(p => p.HubId is not null).Select(p => p.HubId!.Value).Distinct().ToList();
        var emails = parsed.Where(p => p.Email is not null).Select(p => p.Email!).Distinct().ToList();

        // 1. The clients among them this partner services (a partner account serviced as a client too: R25 refuses it by name).
        var clients = await db.CurrentRelationships.AsNoTracking()
            .Where(r => r.PartnerHubId == partnerHubId && hubIds.Contains(r.ClientHubId))
            .Join(db.Accounts, r => r.ClientHubId, a => a.HubId, (r, a) => new { a.HubId, a.Name, a.Kind, a.PaidSalesHubSeats, a.PaidServiceHubSeats, a.BillingOwnerUserId })
            .ToDictionaryAsync(a => a.HubId, ct);
        // 2. The partner's users among the emails, and where they are admins among those clients now (one read of the memberships).
        var clientIds = clients.Keys.ToList();
        var members = await db.Memberships.AsNoTracking()
            .Where(m => emails.Contains(m.UserEmail) && (m.AccountHubId == partnerHubId
                || (clientIds.Contains(m.AccountHubId) && (m.AccessType == AccessType.SuperAdmin || m.AccessType == AccessType.PartnerAdmin))))
            .Select(m => new { m.AccountHubId, m.UserId, m.UserEmail, m.UserName })
            .ToListAsync(ct);
        var users = members.Where(m => m.AccountHubId == partnerHubId).ToDictionary(m => m.UserEmail);
        var admins = members.Where(m => m.AccountHubId != partnerHubId).Select(m => (m.AccountHubId, m.UserId)).ToHashSet();
        var userIds = users.Values.Select(u => u.UserId).ToList();
        // 3. The open requests already there (one per client and user).
        var open = await OpenAsync(clientIds, userIds, ct);

        var holidays = options.Value.HolidaysAround(now);
        var seen = new Dictionary<(long, string), int>();
        var results = new List<RowResult>(rows.Count);
        var submitted = new List<(PartnerAccessRequest Request, string ClientName, string UserName, string UserEmail)>();
        foreach (var (row, hubId, email) in parsed)
        {
            RowResult Invalid(string why) => new(row.Line, row.HubId, row.Email, Verdict.Invalid, why, null);
            if (hubId is null) { results.Add(Invalid(row.HubId.Length == 0 ? "No Hub ID." : "The Hub ID is not a Hub ID (a whole number).")); continue; }
            if (email is null) { results.Add(Invalid(row.Email.Length == 0 ? "No user email." : "The user email is not an email address.")); continue; }
            if (seen.TryGetValue((hubId.Value, email), out var first)) { results.Add(Invalid($"The same Hub ID and email as row {first}.")); continue; }
            seen[(hubId.Value, email)] = row.Line;
            if (!clients.TryGetValue(hubId.Value, out var client)) { results.Add(Invalid($"{hubId} is not a client {partnerName} services.")); continue; }
            if (!users.TryGetValue(email, out var user)) { results.Add(Invalid($"Nobody in {partnerName}'s user list has this email.") with { ClientName = client.Name }); continue; }

            var facts = new PartnerAccessFacts(admins.Contains((client.HubId, user.UserId)), IsUserOfPartner: true,
                PartnerAccessFacts.HasPaidSeat(client.PaidSalesHubSeats, client.PaidServiceHubSeats), client.Kind == AccountKind.Partner);
            var conditions = PartnerAccessRequest.Conditions(facts);
            if (open.TryGetValue(PartnerAccessRequest.OpenKey(client.HubId, user.UserId), out var due))
            {
                results.Add(new(row.Line, row.HubId, row.Email, Verdict.Refused,
                    $"{user.UserName} already has an open request in {client.Name}; its decision is expected by {Day(due)}.", conditions, client.Name));
                continue;
            }
            var (outcome, request) = PartnerAccessRequest.Submit(partnerHubId, client.HubId, user.UserId, requestedBy, facts, now, holidays);
            if (request is null) { results.Add(new(row.Line, row.HubId, row.Email, Verdict.Refused, outcome.Refusal!, conditions, client.Name)); continue; }
            results.Add(new(row.Line, row.HubId, row.Email, Verdict.Submitted,
                $"Submitted for {user.UserName} in {client.Name}; decision expected by {Day(request.DecisionDueOn)}.", conditions, client.Name));
            submitted.Add((request, client.Name, user.UserName, user.UserEmail));
            open[request.OpenFor!] = request.DecisionDueOn; // the same pair twice in one file (another spelling of the email) is caught
        }

        if (!checkOnly && submitted.Count > 0)
        {
            db.PartnerAccessRequests.AddRange(submitted.Select(s => s.Request));
            await NotifyAsync(partnerHubId, partnerName, submitted, clients.ToDictionary(c => c.Key, c => c.Value.BillingOwnerUserId), ct);
            // Appended set-based, in the command's transaction: one INSERT for the requests and one for the notices. Saved
            // row by row, 1,000 requests and their notices took 1.6 s on SQLite, which binds a batch's parameters one by one.
            await db.InsertAddedAsync<PartnerAccessRequest>(ct);
            await db.InsertAddedAsync<OutboxMessage>(ct);
            await db.InsertAddedAsync<Notification>(ct);
        }
        return results;
    }

    /// <summary>The open requests of these users in these clients, by their key, with the expected decision day.</summary>
    private async Task<Dictionary<string, DateOnly>> OpenAsync(List<long> clientIds, List<Guid> userIds, CancellationToken ct) =>
        clientIds.Count == 0 || userIds.Count == 0
            ? []
            : (await db.PartnerAccessRequests.AsNoTracking()
                .Where(r => r.State == PartnerAccessRequestState.Submitted && clientIds.Contains(r.ClientHubId) && userIds.Contains(r.ForUserId))
                .Select(r => new { r.OpenFor, r.DecisionDueOn }).ToListAsync(ct))
            .Where(r => r.OpenFor is not null).ToDictionary(r => r.OpenFor!, r => r.DecisionDueOn);

    /// <summary>R27: each client's primary admin hears of the requests in their account; the partner's channel consultant of them all.</summary>
    private async Task NotifyAsync(long partnerHubId, string partnerName, List<(PartnerAccessRequest Request, string ClientName, string UserName, string UserEmail)> submitted,
        Dictionary<long, Guid?> billingOwners, CancellationToken ct)
    {
        var clientIds = submitted.Select(s => s.Request.ClientHubId).Distinct().ToList();
        var superAdmins = await db.Memberships.AsNoTracking()
            .Where(m => clientIds.Contains(m.AccountHubId) && m.AccessType == AccessType.SuperAdmin)
            .Select(m => new { m.AccountHubId, m.UserId, m.UserEmail, m.UserName, m.GrantedAt })
            .ToListAsync(ct);
        var byClient = superAdmins.ToLookup(m => m.AccountHubId);
        foreach (var group in submitted.GroupBy(s => s.Request.ClientHubId))
        {
            var admins = byClient[group.Key].ToList();
            var primary = Domain.ClientAccount.PrimaryAdmin(billingOwners.GetValueOrDefault(group.Key), admins.Select(a => (a.UserId, a.GrantedAt)));
            if (admins.FirstOrDefault(a => a.UserId == primary) is not { } to) continue;
            var clientName = group.First().ClientName;
            mail.Enqueue(new Recipient(to.UserId, to.UserEmail, to.UserName), NotificationKind.PartnerAccessRequested, $"{partnerName} asked for Partner Access in {clientName}",
                $"Hello {to.UserName},\n\n{partnerName} asked for Partner Access in {clientName} for {Names(group.Select(s => s.UserName))}. " +
                "Partner Access gives a partner user paid-seat functionality in your account without using one of your paid seats; " +
                "it is reviewed within about 3 business days. You can revoke it at any time, like any partner access.\n\n" +
                $"Your partner access: {urls.Absolute($"/{group.Key}/client/partner-access")}\n\nPartner Portal", $"/{group.Key}/client/partner-access");
        }
        var consultant = await db.Accounts.AsNoTracking().Where(a => a.HubId == partnerHubId && a.ChannelConsultantUserId != null)
            .Join(db.DomainUsers, a => a.ChannelConsultantUserId, u => u.Id, (a, u) => new { u.Id, u.Email, u.Name })
            .SingleOrDefaultAsync(ct);
        if (consultant is not null)
            mail.Enqueue(new Recipient(consultant.Id, consultant.Email, consultant.Name), NotificationKind.PartnerAccessRequested, $"{partnerName} submitted {Count(submitted.Count)} to review",
                $"Hello {consultant.Name},\n\n{partnerName}, a partner you are the channel consultant of, submitted {Count(submitted.Count)}: " +
                $"{Names(submitted.Select(s => $"{s.UserName} in {s.ClientName}"))}. The first decision is expected by {Day(submitted.Min(s => s.Request.DecisionDueOn))}.\n\n" +
                $"Review them: {urls.Absolute("/review/partner-access")}\n\nPartner Portal", "/review/partner-access");
    }

    private static string Count(int n) => n == 1 ? "a Partner Access request" : $"{n} Partner Access requests";

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 10 ? string.Join(", ", list) : string.Join(", ", list.Take(10)) + $" and {list.Count - 10} more";
    }

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static long? ParseHubId(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
