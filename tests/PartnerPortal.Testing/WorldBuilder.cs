using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Domain;

namespace PartnerPortal.Testing;

/// <summary>
/// A small world a test builds for itself, so that what it asserts does not depend on the demo
/// world: partners, their employees, clients, who services whom and who holds what where. Every
/// person can sign in with <see cref="Personas.Password"/>. Saved as history: no audit entries,
/// qualifying activities or relationship moves are made by building it.
/// </summary>
public sealed class WorldBuilder
{
    private static int _sequence;

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly List<User> _people = [];
    private readonly List<Assignment> _assignments = [];
    private readonly List<Account> _accounts = [];
    private readonly List<PartnerClientRelationship> _relationships = [];
    private readonly List<QualifyingActivity> _activities = [];
    private readonly Dictionary<long, string> _domains = [];

    private static int Next() => Interlocked.Increment(ref _sequence);

    /// <summary>A partner agency with its own email domain (agency-N.test), added by its first Super Admin.</summary>
    public PartnerAccount Partner(string name)
    {
        var n = Next();
        var partner = Account.CreatePartner(90_000_000 + n, name);
        _accounts.Add(partner);
        _domains[partner.HubId] = $"agency-{n}.test";
        return partner;
    }

    /// <summary>A member of the partner account, on its email domain unless <paramref name="email"/> says otherwise; a partner employee unless told not.</summary>
    public User Employee(PartnerAccount partner, string name, AccessType accessType = AccessType.User, Permission permissions = Permission.None,
        bool partnerEmployee = true, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return Employee(partner, Person(name, email ?? $"{Slug(name)}@{_domains[partner.HubId]}"), accessType, permissions, partnerEmployee);
    }

    /// <summary>Someone who already exists joins (another) partner account.</summary>
    public User Employee(PartnerAccount partner, User person, AccessType accessType = AccessType.User, Permission permissions = Permission.None, bool partnerEmployee = true)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(person);
        partner.AddMember(person, accessType, _now.AddDays(-100));
        if (permissions != Permission.None) partner.GrantPermissions(person.Id, permissions);
        partner.TagPartnerEmployee(person.Id, partnerEmployee);
        if (accessType == AccessType.SuperAdmin && partner.EmailDomains.Count == 0)
        {
            var added = partner.AddEmailDomain(person.Id, _domains[partner.HubId]);
            if (!added.Succeeded) throw new InvalidOperationException(added.Refusal);
        }
        return person;
    }

    /// <summary>R27: a Partner Access reviewer (a platform operator, in no account), and the channel consultant of <paramref name="consultantOf"/>.</summary>
    public User Reviewer(string name, params PartnerAccount[] consultantOf)
    {
        ArgumentNullException.ThrowIfNull(consultantOf);
        var reviewer = Person(name);
        reviewer.MakePartnerAccessReviewer(true);
        foreach (var partner in consultantOf)
        {
            var assigned = partner.AssignChannelConsultant(reviewer);
            if (!assigned.Succeeded) throw new InvalidOperationException(assigned.Refusal);
        }
        return reviewer;
    }

    /// <summary>Someone who is not (yet) in any account.</summary>
    public User Person(string name, string? email = null)
    {
        var person = new User(Guid.NewGuid(), email ?? $"{Slug(name)}.{Next()}@example.test", name);
        _people.Add(person);
        return person;
    }

    /// <summary>A client account with the permission sets Marketing, Sales and Read only, and (unless told not) its own Super Admin.</summary>
    public ClientAccount Client(string name, decimal monthlyRecurringRevenue = 1_000m, int paidSalesHubSeats = 0, bool withOwner = true)
    {
        var client = Account.CreateClient(91_000_000 + Next(), name);
        client.SetRevenue(monthlyRecurringRevenue, paidSalesHubSeats, 0);
        client.DefinePermissionSet("Marketing", Permission.ViewRecords | Permission.EditRecords | Permission.Marketing);
        client.DefinePermissionSet("Sales", Permission.ViewRecords | Permission.EditRecords | Permission.Sales);
        client.DefinePermissionSet("Read only", Permission.ViewRecords);
        if (withOwner) client.AddMember(Person($"{name} Owner"), AccessType.SuperAdmin, _now.AddDays(-300));
        _accounts.Add(client);
        return client;
    }

    /// <summary>The client's own Super Admin, made with it.</summary>
    public static User OwnerOf(Account client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Memberships.First(m => m.IsSuperAdmin).User!;
    }

    /// <summary>The partner services the client: the relationship in that state, with a qualifying activity that many days ago.</summary>
    public PartnerClientRelationship Services(PartnerAccount partner, Account client, RelationshipState state = RelationshipState.Active, int activityDaysAgo = 1)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(client);
        var relationship = state == RelationshipState.Invited
            ? PartnerClientRelationship.Invite(partner.HubId, client.HubId, _now.AddDays(-200))
            : PartnerClientRelationship.StartActive(partner.HubId, client.HubId, _now.AddDays(-200));
        if (state is RelationshipState.Ending or RelationshipState.Ended)
            relationship.StartEnding(_now.AddDays(state == RelationshipState.Ending ? -10 : -100), _now);
        _relationships.Add(relationship);
        var anyone = partner.Memberships.Count > 0 ? partner.Memberships[0].UserId : Guid.NewGuid();
        _activities.Add(new QualifyingActivity(client.HubId, partner.HubId, anyone, "Edited a contact", _now.AddDays(-activityDaysAgo)));
        return relationship;
    }

    /// <summary>A partner employee in the client: Super Admin, Partner Admin, or a user with the named permission set; time-bound with <paramref name="endsAt"/> (B3).</summary>
    public Membership Seat(ClientAccount client, PartnerAccount partner, User employee, AccessType accessType, string? permissionSet = null, DateTimeOffset? endsAt = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(partner);
        if (accessType == AccessType.SuperAdmin) client.AddMember(employee, AccessType.SuperAdmin, _now.AddDays(-50));
        var set = permissionSet is null ? client.StandardPartnerAdminSet : client.PermissionSets.Single(s => s.Name == permissionSet);
        var grantedBy = client.Memberships.FirstOrDefault(m => m.IsSuperAdmin)?.UserId ?? employee.Id;
        var outcome = client.AddPartnerEmployee(employee, partner.HubId, set, new Actor(grantedBy), _now.AddDays(-50), endsAt);
        if (!outcome.Succeeded) throw new InvalidOperationException(outcome.Refusal);
        return client.MembershipOf(employee.Id)!;
    }

    /// <summary>One of the client's own users, with a permission set (or Super Admin).</summary>
    public Membership Member(ClientAccount client, User person, AccessType accessType = AccessType.User, string permissionSet = "Sales")
    {
        ArgumentNullException.ThrowIfNull(client);
        var membership = client.AddMember(person, accessType, _now.AddDays(-60));
        if (accessType == AccessType.User)
        {
            var changed = client.ChangePermissionSet(person.Id, client.PermissionSets.Single(s => s.Name == permissionSet), new Actor(OwnerOf(client).Id), _now);
            if (!changed.Succeeded) throw new InvalidOperationException(changed.Refusal);
        }
        return membership;
    }

    /// <summary>R12, B5: a qualifying activity of this employee for the partner in the client, that many days ago.</summary>
    public void Activity(Account client, PartnerAccount partner, User employee, int daysAgo)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(employee);
        _activities.Add(new QualifyingActivity(client.HubId, partner.HubId, employee.Id, "Edited a contact", _now.AddDays(-daysAgo)));
    }

    /// <summary>R16: the partner has assigned the employee to the client (no access comes with it).</summary>
    public void Assign(PartnerAccount partner, User employee, ClientAccount client)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(client);
        _assignments.Add(new Assignment(partner.HubId, employee.Id, client.HubId, partner.Memberships[0].UserId, _now.AddDays(-5)));
    }

    /// <summary>Saves the world into the app's database.</summary>
    public async Task SaveAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        // Everyone signs in with the demo password: its hash is taken from a demo user (hashing anew takes 210,000 iterations).
        var hash = await db.Users.Where(u => u.PasswordHash != null).Select(u => u.PasswordHash).FirstAsync();
        foreach (var raiser in _accounts.Cast<IHasDomainEvents>().Concat(_relationships)) raiser.ClearDomainEvents();
        db.DomainUsers.AddRange(_people);
        db.Users.AddRange(_people.Select(p =>
        {
            var login = PortalUser.For(p);
            login.PasswordHash = hash;
            return login;
        }));
        await db.SaveChangesAsync();
        db.Accounts.AddRange(_accounts);
        await db.SaveChangesAsync();
        db.Relationships.AddRange(_relationships);
        db.QualifyingActivities.AddRange(_activities);
        db.Assignments.AddRange(_assignments);
        await db.SaveChangesAsync();
    }

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '.').Replace("'", "", StringComparison.Ordinal);
}
