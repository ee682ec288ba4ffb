using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;

// Usage: PartnerPortal.Bench <Sqlite|Postgres> <connection string> <clients> <employees> <employees per client> <every how many clients Ava is in>
//        PartnerPortal.Bench ending <Sqlite|Postgres> <connection string> <due relationships>
//        PartnerPortal.Bench audit <Sqlite|Postgres> <connection string> <audit entries> <clients of the large world>
if (args.Length == 4 && args[0] == "ending") return await PartnerPortal.Bench.EndingBenchmark.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
if (args.Length == 5 && args[0] == "audit")
    return await PartnerPortal.Bench.AuditBenchmark.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
// Grows Brightwave Digital of the demo world (already seeded) into a large agency, through the domain's own methods:
// <employees> more partner employees, <clients> more clients with their own Super Admin and three permission sets,
// each serviced by Brightwave with <employees per client> of its employees as users, and Ava Patel Partner Admin in every
// n-th of them. The changes are history (no domain events are dispatched), saved 250 clients at a time.
if (args.Length != 6)
{
    Console.Error.WriteLine("Usage: PartnerPortal.Bench <Sqlite|Postgres> <connection string> <clients> <employees> <employees per client> <Ava in every n-th client>");
    return 2;
}
var provider = DatabaseSetup.ParseProvider(args[0]);
var connection = args[1];
int Number(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
var (clients, employees, perClient, avaEvery) = (Number(2), Number(3), Number(4), Number(5));
const long Brightwave = 44_010_001;
const long FirstHubId = 60_000_000;
var now = DateTimeOffset.UtcNow;
var watch = Stopwatch.StartNew();

PortalDb Open() => new(DatabaseSetup.OptionsFor(provider, connection));

// The employees: partner employees of Brightwave on its domain.
List<Guid> employeeIds;
Guid ava;
await using (var db = Open())
{
    if (await db.Accounts.AnyAsync(a => a.HubId == FirstHubId + 1)) { Console.WriteLine("The large world is there already."); return 0; }
    var brightwave = await db.PartnerAccounts.Include(a => a.Memberships).ThenInclude(m => m.User).Include(a => a.EmailDomains).SingleAsync(a => a.HubId == Brightwave);
    ava = brightwave.Memberships.Single(m => m.User!.Email == "ava.patel@brightwave.io").UserId;
    var people = Enumerable.Range(1, employees).Select(i => new User(Guid.NewGuid(), $"bench.employee{i:0000}@brightwave.io", $"Bench Employee {i:0000}")).ToList();
    db.DomainUsers.AddRange(people);
    foreach (var person in people)
    {
        brightwave.AddMember(person, AccessType.User, now.AddDays(-300));
        brightwave.TagPartnerEmployee(person.Id, true);
    }
    ((IHasDomainEvents)brightwave).ClearDomainEvents();
    await db.SaveChangesAsync();
    employeeIds = people.Select(p => p.Id).ToList();
}

const int Chunk = 250;
for (var start = 1; start <= clients; start += Chunk)
{
    await using var db = Open();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var users = await db.DomainUsers.Where(u => employeeIds.Contains(u.Id) || u.Id == ava).ToDictionaryAsync(u => u.Id);
    var accounts = new List<Account>();
    var owners = new List<User>();
    var relationships = new List<PartnerClientRelationship>();
    var activities = new List<QualifyingActivity>();
    for (var i = start; i < start + Chunk && i <= clients; i++)
    {
        var client = Account.CreateClient(FirstHubId + i, $"Bench Client {i:00000}");
        client.SetRevenue(500m + (i % 40 * 100), i % 3, i % 2);
        client.DefinePermissionSet("Marketing", Permission.ViewRecords | Permission.EditRecords | Permission.Marketing | Permission.Reports);
        client.DefinePermissionSet("Sales", Permission.ViewRecords | Permission.EditRecords | Permission.Sales | Permission.Reports);
        client.DefinePermissionSet("Read only", Permission.ViewRecords | Permission.Reports);
        var owner = new User(Guid.NewGuid(), $"owner{i:00000}@bench-client-{i:00000}.test", $"Owner of Bench Client {i:00000}");
        owners.Add(owner);
        client.AddMember(owner, AccessType.SuperAdmin, now.AddDays(-500));
        var by = new Actor(owner.Id);
        var marketing = client.PermissionSets.Single(s => s.Name == "Marketing");
        for (var k = 0; k < perClient; k++)
        {
            var outcome = client.AddPartnerEmployee(users[employeeIds[((i * 7) + (k * 53)) % employeeIds.Count]], Brightwave, marketing, by, now.AddDays(-100));
            if (!outcome.Succeeded) throw new InvalidOperationException(outcome.Refusal);
        }
        if (i % avaEvery == 0)
        {
            var outcome = client.AddPartnerEmployee(users[ava], Brightwave, client.StandardPartnerAdminSet, by, now.AddDays(-100));
            if (!outcome.Succeeded) throw new InvalidOperationException(outcome.Refusal);
        }
        ((IHasDomainEvents)client).ClearDomainEvents();
        accounts.Add(client);
        var relationship = PartnerClientRelationship.StartActive(Brightwave, client.HubId, now.AddDays(-200));
        ((IHasDomainEvents)relationship).ClearDomainEvents();
        relationships.Add(relationship);
        activities.Add(new QualifyingActivity(client.HubId, Brightwave, employeeIds[i % employeeIds.Count], "Edited a contact", now.AddDays(-(i % 30))));
    }
    db.DomainUsers.AddRange(owners);
    db.Accounts.AddRange(accounts);
    db.Relationships.AddRange(relationships);
    db.QualifyingActivities.AddRange(activities);
    db.ChangeTracker.DetectChanges();
    await db.SaveChangesAsync();
    Console.Write($"\r{Math.Min(start + Chunk - 1, clients)} of {clients} clients");
}
// PostgreSQL's autovacuum would vacuum and analyze the grown tables within minutes (the visibility map it sets is what
// lets index-only scans skip the table); the benchmark does it at once. (SQLite: the app refreshes its statistics when it starts.)
if (provider == DatabaseProvider.Postgres)
{
    await using var db = Open();
    await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE;");
}
Console.WriteLine($"\rGrew Brightwave by {employees} employees and {clients} clients ({clients * perClient + (clients / avaEvery)} memberships) in {watch.Elapsed.TotalSeconds:0} s.");
return 0;
