using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Web.Infrastructure.DemoData;

/// <summary>
/// A believable world for trying the product and for the tests: two partner agencies, their
/// employees (on and off the partner domain, one not tagged), and their clients in every state.
/// </summary>
public sealed class DemoWorld(PortalDb db, IPasswordHasher<PortalUser> hasher, AccessLinkTokens links, TimeProvider clock)
{
    public const string Password = "partner-portal-demo";

    public const long Brightwave = 44_010_001;
    public const long Crestline = 44_020_002;

    /// <summary>The sign-ins printed at start and used by the tests, one per persona.</summary>
    public static readonly IReadOnlyList<(string Persona, string Email)> SignIns =
    [
        ("Partner Super Admin (Brightwave Digital)", "ava.patel@brightwave.io"),
        ("Partner employee with Client access manager", "ben.carter@brightwave.io"),
        ("Partner employee with Partner employee management", "chloe.nguyen@brightwave.io"),
        ("Partner employee without partner permissions", "diego.alvarez@brightwave.io"),
        ("Client Super Admin (Harbor Coffee Roasters)", "maria.lopez@harborcoffee.com"),
        ("Client user (Harbor Coffee Roasters)", "tom.baker@harborcoffee.com"),
        ("Other partner's Super Admin (Crestline Consulting)", "olivia.reed@crestline.co"),
        ("Partner Access reviewer, Brightwave's channel consultant", ReviewerEmail),
        ("Platform operator (every account, sign-ups, suspensions)", OperatorEmail),
    ];

    /// <summary>O1: the person who runs the demo installation (made by the setup link on a real one).</summary>
    public const string OperatorEmail = "sam.ortiz@partnerportal.example";

    /// <summary>R27: a platform operator — a Partner Access reviewer and Brightwave's channel consultant, in no account.</summary>
    public const string ReviewerEmail = "rita.ramos@partnerportal.example";

    /// <summary>B7: a partner employee who signs in with two-factor. Their authenticator key (base32) is public demo data, so that
    /// a tester can add it to an app, or compute the code, and sign in.</summary>
    public const string TwoFactorEmail = "jonas.weber@brightwave.io";
    public const string TwoFactorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private readonly Dictionary<string, User> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Account> _accounts = [];
    private readonly List<PartnerClientRelationship> _relationships = [];
    private readonly List<QualifyingActivity> _activities = [];
    private readonly List<AccessLink> _links = [];
    private readonly List<(long Partner, Guid Employee, long Client)> _assignments = [];
    private readonly List<ClientInvitation> _invitations = [];
    private readonly List<PartnerAccessRequest> _requests = [];

    /// <summary>A partner's email domain, added once its first Super Admin exists (only a Super Admin adds domains).</summary>
    private readonly Dictionary<long, string> _pendingDomains = [];
    private DateTimeOffset _now;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Accounts.AnyAsync(ct)) return false;
        _now = clock.GetUtcNow();
        Build();
        // The demo world is history, not something users did now: nothing to audit or react to.
        foreach (var raiser in _accounts.Cast<IHasDomainEvents>().Concat(_relationships).Concat(_links)) raiser.ClearDomainEvents();
        await SaveUsersAsync(ct);
        db.Accounts.AddRange(_accounts);
        await db.SaveChangesAsync(ct);
        db.Relationships.AddRange(_relationships);
        db.QualifyingActivities.AddRange(_activities);
        db.AccessLinks.AddRange(_links);
        db.ClientInvitations.AddRange(_invitations);
        db.PartnerAccessRequests.AddRange(_requests);
        var assignedBy = _users["ava.patel@brightwave.io"].Id;
        db.Assignments.AddRange(_assignments.Select(a => new Assignment(a.Partner, a.Employee, a.Client, assignedBy, _now.AddDays(-3))));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Build()
    {
        var brightwave = Partner(Brightwave, "Brightwave Digital", "brightwave.io");
        var ava = Employee(brightwave, "Ava Patel", "ava.patel@brightwave.io", AccessType.SuperAdmin, Permission.None, true);
        var ben = Employee(brightwave, "Ben Carter", "ben.carter@brightwave.io", AccessType.User, Permission.ClientAccessManager, true);
        var chloe = Employee(brightwave, "Chloe Nguyen", "chloe.nguyen@brightwave.io", AccessType.User, Permission.PartnerEmployeeManagement, true);
        var diego = Employee(brightwave, "Diego Alvarez", "diego.alvarez@brightwave.io", AccessType.User, Permission.None, true);
        var farah = Employee(brightwave, "Farah Khan", "farah.khan@brightwave.io", AccessType.User, Permission.None, true);
        var hana = Employee(brightwave, "Hana Sato", "hana.sato@brightwave.io", AccessType.User, Permission.None, true);
        var emma = Employee(brightwave, "Emma Schmidt", "emma.schmidt.design@gmail.com", AccessType.User, Permission.None, true);
        var george = Employee(brightwave, "George Li", "george.li@outlook.com", AccessType.User, Permission.None, true);
        Employee(brightwave, "Ian Brooks", "ian.brooks@brightwave.io", AccessType.User, Permission.AddAndEditUsers, false);
        var jonas = Employee(brightwave, "Jonas Weber", TwoFactorEmail, AccessType.User, Permission.None, true);
        // A second partner employee email domain (the agency's UK arm).
        var secondDomain = brightwave.AddEmailDomain(ava.Id, "brightwave.co.uk");
        if (!secondDomain.Succeeded) throw new InvalidOperationException(secondDomain.Refusal);

        // R27: Rita reviews Partner Access requests and is Brightwave's channel consultant; Farah's request in Nordic waits for her.
        _users.Add(OperatorEmail, User.PlatformOperator(Guid.NewGuid(), OperatorEmail, "Sam Ortiz"));
        var rita = Person("Rita Ramos", ReviewerEmail);
        rita.MakePartnerAccessReviewer(true);
        Must(brightwave.AssignChannelConsultant(rita));

        var crestline = Partner(Crestline, "Crestline Consulting", "crestline.co");
        var olivia = Employee(crestline, "Olivia Reed", "olivia.reed@crestline.co", AccessType.SuperAdmin, Permission.None, true);
        var sam = Employee(crestline, "Sam Ortiz", "sam.ortiz@crestline.co", AccessType.User, Permission.ClientAccessManager, true);

        var harbor = Client(45_100_001, "Harbor Coffee Roasters", ("Maria Lopez", "maria.lopez@harborcoffee.com"), 2_400m, sales: 2);
        ClientUser(harbor, "Tom Baker", "tom.baker@harborcoffee.com", "Sales");
        Seat(harbor, Brightwave, ava, AccessType.PartnerAdmin);
        Seat(harbor, Brightwave, ben, AccessType.PartnerAdmin);
        Seat(harbor, Brightwave, emma, AccessType.User, "Marketing");
        Active(brightwave, harbor, activityDaysAgo: 2, ava);

        var nordic = Client(45_100_002, "Nordic Outdoor Gear", ("Lars Berg", "lars.berg@nordicoutdoor.com"), 5_200m, sales: 3);
        ClientUser(nordic, "Ingrid Holm", "ingrid.holm@nordicoutdoor.com", "Sales");
        Seat(nordic, Brightwave, ava, AccessType.SuperAdmin);
        Seat(nordic, Brightwave, farah, AccessType.PartnerAdmin);
        Active(brightwave, nordic, activityDaysAgo: 1, farah);
        var (_, farahsRequest) = PartnerAccessRequest.Submit(Brightwave, nordic.HubId, farah.Id, ava.Id,
            PartnerAccessFacts.Of(nordic, nordic.IsAdminHere(farah.Id), isUserOfPartner: true), _now.AddDays(-1));
        _requests.Add(farahsRequest ?? throw new InvalidOperationException("Farah's demo request does not meet R25."));

        var greenleaf = Client(45_100_003, "Greenleaf Dental Group", ("Priya Shah", "priya.shah@greenleafdental.com"), 1_100m);
        ClientUser(greenleaf, "Marcus Bell", "marcus.bell@greenleafdental.com", "Read only");
        Seat(greenleaf, Brightwave, ava, AccessType.PartnerAdmin);
        Seat(greenleaf, Brightwave, hana, AccessType.PartnerAdmin);
        Active(brightwave, greenleaf, activityDaysAgo: 9, hana);
        // R16: the dashboard's bookkeeping of who works on what — Hana on Harbor too (no access there yet), Jonas on Greenleaf and Harbor.
        _assignments.Add((Brightwave, hana.Id, harbor.HubId));
        _assignments.Add((Brightwave, hana.Id, greenleaf.HubId));
        _assignments.Add((Brightwave, jonas.Id, greenleaf.HubId));
        _assignments.Add((Brightwave, jonas.Id, harbor.HubId));

        var atlas = Client(45_100_004, "Atlas Freight Logistics", ("Dan Miller", "dan.miller@atlasfreight.com"), 7_800m, service: 4);
        ClientUser(atlas, "Rosa Jimenez", "rosa.jimenez@atlasfreight.com", "Marketing");
        Seat(atlas, Brightwave, ava, AccessType.SuperAdmin);
        Seat(atlas, Brightwave, ben, AccessType.SuperAdmin);
        Active(brightwave, atlas, activityDaysAgo: 4, ben);

        var bluebird = Client(45_100_005, "Bluebird Bakery", ("Sofia Rossi", "sofia.rossi@bluebirdbakery.com"), 600m);
        Seat(bluebird, Brightwave, ava, AccessType.User, "Read only");
        Seat(bluebird, Brightwave, diego, AccessType.PartnerAdmin);
        Active(brightwave, bluebird, activityDaysAgo: 15, diego);

        var pinecrest = Client(45_100_006, "Pinecrest Realty", ("Noel Hart", "noel.hart@pinecrestrealty.com"), 1_900m);
        Seat(pinecrest, Brightwave, diego, AccessType.PartnerAdmin);
        // The client added George by hand: he works there but does not count for Brightwave until linked (R8).
        pinecrest.AddMember(george, AccessType.User, _now.AddDays(-40));
        Must(pinecrest.ChangePermissionSet(george.Id, pinecrest.PermissionSets.Single(s => s.Name == "Marketing"), ClientSuperAdminOf(pinecrest), _now));
        Active(brightwave, pinecrest, activityDaysAgo: 30, diego);

        // Every Brightwave employee has left; the relationship runs out 60 days after the last activity (R12).
        var summit = Client(45_100_007, "Summit Fitness Studios", ("Grace Kim", "grace.kim@summitfitness.com"), 900m);
        var summitRelationship = Active(brightwave, summit, activityDaysAgo: 36, farah);
        summitRelationship.StartEnding(_now.AddDays(-36), _now);

        var coastal = Client(45_100_008, "Coastal Legal Partners", ("Owen Price", "owen.price@coastallegal.com"), 3_300m);
        ClientUser(coastal, "Nina Petrova", "nina.petrova@coastallegal.com", "Read only");
        Seat(coastal, Brightwave, hana, AccessType.PartnerAdmin);
        // B3: George's access to Coastal is time-bound: it ends in three weeks (the reminders go out when the app's jobs run).
        Seat(coastal, Brightwave, george, AccessType.User, "Marketing", endsAt: AccessEnd.EndOf(DateOnly.FromDateTime(_now.AddDays(21).UtcDateTime)));
        Active(brightwave, coastal, activityDaysAgo: 6, george);

        var maple = Client(45_100_009, "Maple Street Books", ("Julia Novak", "julia.novak@maplestreetbooks.com"), 450m);
        Seat(maple, Brightwave, ava, AccessType.PartnerAdmin);
        Active(brightwave, maple, activityDaysAgo: 12, ava);

        var vertex = Client(45_100_010, "Vertex Software", ("Raj Mehta", "raj.mehta@vertexsoftware.com"), 12_000m, sales: 5, service: 2);
        ClientUser(vertex, "Lena Fischer", "lena.fischer@vertexsoftware.com", "Marketing");
        Seat(vertex, Brightwave, ava, AccessType.PartnerAdmin);
        Seat(vertex, Brightwave, farah, AccessType.PartnerAdmin);
        Seat(vertex, Brightwave, chloe, AccessType.PartnerAdmin);
        Active(brightwave, vertex, activityDaysAgo: 0, chloe);

        var riverbend = Client(45_100_011, "Riverbend Veterinary", ("Emily Clarke", "emily.clarke@riverbendvet.com"), 800m);
        Seat(riverbend, Brightwave, ben, AccessType.PartnerAdmin);
        Active(brightwave, riverbend, activityDaysAgo: 3, ben);

        // A client both agencies service: each sees only its own employees there.
        var orchid = Client(45_100_012, "Orchid Spa & Wellness", ("Chen Wei", "chen.wei@orchidspa.com"), 2_000m);
        Seat(orchid, Brightwave, ava, AccessType.PartnerAdmin);
        Seat(orchid, Crestline, olivia, AccessType.PartnerAdmin);
        Active(brightwave, orchid, activityDaysAgo: 5, ava);
        Active(crestline, orchid, activityDaysAgo: 8, olivia);

        // A client that is itself a partner account: access links can never be approved into it (R4).
        var lumen = Partner(45_200_013, "Lumen Reseller Network", "lumenreseller.com");
        Employee(lumen, "Noah Berger", "noah.berger@lumenreseller.com", AccessType.SuperAdmin, Permission.None, false);
        _relationships.Add(PartnerClientRelationship.StartActive(Brightwave, lumen.HubId, _now.AddDays(-200)));

        var quartz = Client(45_100_014, "Quartz Analytics", ("Mila Horvat", "mila.horvat@quartzanalytics.com"), 1_500m);
        var ended = Active(brightwave, quartz, activityDaysAgo: 120, ben);
        ended.StartEnding(_now.AddDays(-120), _now);

        var willow = Client(45_100_015, "Willow Interiors", ("Ada Brennan", "ada.brennan@willowinteriors.com"), 700m);
        // R22: Willow invited Brightwave yesterday; it waits in Brightwave's pending client invitations (the link went by email).
        _invitations.Add(ClientInvitation.Create(willow.HubId, Brightwave, _users["ada.brennan@willowinteriors.com"].Id, _now.AddDays(-1)).Invitation);

        var ironwood = Client(45_300_001, "Ironwood Construction", ("Victor Lane", "victor.lane@ironwoodbuild.com"), 4_100m, sales: 1);
        ClientUser(ironwood, "Paul Grant", "paul.grant@ironwoodbuild.com", "Sales");
        Seat(ironwood, Crestline, olivia, AccessType.PartnerAdmin);
        Active(crestline, ironwood, activityDaysAgo: 2, olivia);
        var lakeside = Client(45_300_002, "Lakeside Dental", ("Amara Obi", "amara.obi@lakesidedental.com"), 1_300m);
        Seat(lakeside, Crestline, sam, AccessType.PartnerAdmin);
        Active(crestline, lakeside, activityDaysAgo: 7, sam);
        var sunrise = Client(45_300_003, "Sunrise Solar", ("Ken Watanabe", "ken.watanabe@sunrisesolar.com"), 6_600m, service: 2);
        Seat(sunrise, Crestline, olivia, AccessType.SuperAdmin);
        Active(crestline, sunrise, activityDaysAgo: 1, olivia);
    }

    private User Person(string name, string email)
    {
        if (!_users.TryGetValue(email, out var user))
        {
            user = new User(Guid.NewGuid(), email, name);
            _users.Add(email, user);
        }
        return user;
    }

    private PartnerAccount Partner(long hubId, string name, string domain)
    {
        var partner = Account.CreatePartner(hubId, name);
        _accounts.Add(partner);
        _pendingDomains[hubId] = domain;
        return partner;
    }

    private User Employee(PartnerAccount partner, string name, string email, AccessType accessType, Permission permissions, bool partnerEmployee)
    {
        var user = Person(name, email);
        partner.AddMember(user, accessType, _now.AddDays(-400));
        if (permissions != Permission.None) partner.GrantPermissions(user.Id, permissions);
        partner.TagPartnerEmployee(user.Id, partnerEmployee);
        if (partnerEmployee) _links.Add(links.Issue(partner.HubId, user.Id, _now.AddDays(-400)));
        if (accessType == AccessType.SuperAdmin && _pendingDomains.Remove(partner.HubId, out var domain))
        {
            var added = partner.AddEmailDomain(user.Id, domain);
            if (!added.Succeeded) throw new InvalidOperationException(added.Refusal);
        }
        return user;
    }

    private ClientAccount Client(long hubId, string name, (string Name, string Email) superAdmin, decimal mrr, int sales = 0, int service = 0)
    {
        var client = Account.CreateClient(hubId, name);
        client.SetRevenue(mrr, sales, service);
        client.DefinePermissionSet("Marketing", Permission.ViewRecords | Permission.EditRecords | Permission.Marketing | Permission.Reports);
        client.DefinePermissionSet("Sales", Permission.ViewRecords | Permission.EditRecords | Permission.Sales | Permission.Reports);
        client.DefinePermissionSet("Read only", Permission.ViewRecords | Permission.Reports);
        var owner = Person(superAdmin.Name, superAdmin.Email);
        client.AddMember(owner, AccessType.SuperAdmin, _now.AddDays(-700));
        // The facts of its billing: a plan by its size, a yearly contract, its first Super Admin owning billing.
        client.SetSubscription(sales + service > 0 ? "Sales Hub Professional" : mrr >= 2_000m ? "Marketing Hub Professional" : "Marketing Hub Starter",
            _now.AddDays(120 + hubId % 200), owner.Id);
        _accounts.Add(client);
        return client;
    }

    private void ClientUser(ClientAccount client, string name, string email, string permissionSet)
    {
        var user = Person(name, email);
        client.AddMember(user, AccessType.User, _now.AddDays(-300));
        Must(client.ChangePermissionSet(user.Id, client.PermissionSets.Single(s => s.Name == permissionSet), ClientSuperAdminOf(client), _now));
    }

    /// <summary>An employee the client's Super Admin let in: as Super Admin, Partner Admin, or a user with a permission set.</summary>
    private void Seat(ClientAccount client, long partnerHubId, User employee, AccessType accessType, string? permissionSet = null, DateTimeOffset? endsAt = null)
    {
        var grantedBy = ClientSuperAdminOf(client);
        if (accessType == AccessType.SuperAdmin) client.AddMember(employee, AccessType.SuperAdmin, _now.AddDays(-400));
        var set = permissionSet is null ? client.StandardPartnerAdminSet : client.PermissionSets.Single(s => s.Name == permissionSet);
        Must(client.AddPartnerEmployee(employee, partnerHubId, set, grantedBy, _now.AddDays(-90), endsAt));
    }

    private static Actor ClientSuperAdminOf(Account client) => new(client.Memberships.First(m => m.IsSuperAdmin).UserId);

    private static void Must(Outcome outcome)
    {
        if (!outcome.Succeeded) throw new InvalidOperationException(outcome.Refusal);
    }

    private PartnerClientRelationship Active(Account partner, Account client, int activityDaysAgo, User byEmployee)
    {
        var relationship = PartnerClientRelationship.StartActive(partner.HubId, client.HubId, _now.AddDays(-180));
        _relationships.Add(relationship);
        _activities.Add(new QualifyingActivity(client.HubId, partner.HubId, byEmployee.Id, "Edited a contact", _now.AddDays(-activityDaysAgo)));
        return relationship;
    }

    private async Task SaveUsersAsync(CancellationToken ct)
    {
        var people = _users.Values.ToList();
        var logins = people.Select(PortalUser.For).ToList();
        // Every demo user has the same, published password: it is hashed once (210,000 iterations, about 0.8 s here) and the
        // hash shared, salt and all. Hashing it 36 times was most of a first start and of every benchmark and cluster seed.
        var hash = hasher.HashPassword(logins[0], Password);
        foreach (var login in logins) login.PasswordHash = hash;
        // B7: Jonas signs in with two-factor (the key is Identity's authenticator key, where the enrolment page would store it).
        var jonas = logins.Single(l => l.Email == TwoFactorEmail);
        jonas.TwoFactorEnabled = true;
        db.DomainUsers.AddRange(people);
        db.Users.AddRange(logins);
        db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = jonas.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = TwoFactorKey });
        await db.SaveChangesAsync(ct);
    }
}
