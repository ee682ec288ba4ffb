using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.ClientAccount;
using PartnerPortal.Web.Pages.Partner.ClientAccessManager;
using PartnerPortal.Web.Pages.Partner.Dashboard;
using Xunit.Abstractions;
using Reviews = PartnerPortal.Web.Pages.Partner.AccessReviews.IndexModel;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// SPEC §3 "who may change whom", through the app's own commands: every command that changes or removes a member of a client ×
/// every actor standing × every target standing, sent through the real pipeline (gate, validation, domain, transaction). The
/// verdict — did the target's access change — equals the table written here (docs/rules.md writes the same), and a refusal
/// changes nothing in that client. Every command of the app is classified below: a new one fails
/// <see cref="Every_command_of_the_app_is_in_the_matrix_or_says_why_not"/> until it joins the matrix or says why it need not.
/// </summary>
public sealed class ChangeOfMembersMatrixTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    /// <summary>Who acts, in the order of each verdict string's characters.</summary>
    public enum Actor
    {
        ClientSuperAdmin, ClientUserWithAddAndEditUsers, PartnerAdminOfP, PartnerAdminOfQ,
        ManagerOfPNotInClient, ManagerOfPWhoIsPartnerAdmin, PlainEmployeeOfPNotInClient, SuperAdminOfPNotInClient,
    }

    /// <summary>Whose access is changed, in the order of each command's verdict strings.</summary>
    public enum Target { EmployeeOfP, EmployeeOfQ, OwnSuperAdmin, SuperAdminWhoIsEmployeeOfP, OwnUser }

    private sealed record Client(long HubId, string Owner, string Editor, string PartnerAdminOfP, string PartnerAdminOfQ, string ManagerWhoIsPartnerAdmin,
        IReadOnlyDictionary<Target, Guid> Targets, int ReadOnlySet);

    private sealed record World(long P, long Q, IReadOnlyDictionary<Actor, Client> Clients, string ManagerNotInClient, string PlainEmployee, string SuperAdminOfP);

    private sealed record Case(World World, Client Client, Target Target)
    {
        public Guid User => Client.Targets[Target];
        public long PartnerOfTarget => Target == Target.EmployeeOfQ ? World.Q : World.P;
    }

    /// <summary>A command → how to send it for a case, and the verdict for each target: one character per <see cref="Actor"/>, Y changed, n refused, - not asked.</summary>
    private static readonly Dictionary<Type, (Func<PortalFixture, Case, string, Task<IHandlerResult>> Send, Dictionary<Target, string> Verdicts)> Matrix = new()
    {
        // The partner's pages: its Super Admins and Client access managers remove its own people wherever it works, never a Super Admin of the client.
        [typeof(RemovePartnerEmployees.Command)] = (async (f, c, as_) => await f.SendAsync(new RemovePartnerEmployees.Command(c.World.P, [new(c.Client.HubId, c.User)]), as_),
            PartnerPath("nnnnYYnY")),
        [typeof(ClientAccessRemoval.Command)] = (async (f, c, as_) => await f.SendAsync(new ClientAccessRemoval.Command(c.World.P, c.Client.HubId, [c.User], "REMOVE"), as_),
            PartnerPath("nnnnYYnY")),
        [typeof(OffboardModel.Command)] = (async (f, c, as_) => await f.SendAsync(new OffboardModel.Command(c.World.P, c.User, AlsoFromPartner: false), as_),
            PartnerPath("nnnnYYnY")),
        [typeof(Reviews.Decide)] = (async (f, c, as_) => await f.SendAsync(new Reviews.Decide(c.World.P, [Reviews.Key(c.Client.HubId, c.User)], "remove", "Matrix"), as_),
            PartnerPath("nnnnYYnY")),
        // R20: Remove user takes Add and edit users in the partner (its Super Admin here); a Super Admin of the client stays, as the client's own user.
        [typeof(Pages.Settings.RemoveUserModel.Command)] = (async (f, c, as_) => await f.SendAsync(new Pages.Settings.RemoveUserModel.Command(c.World.P, c.User), as_),
            PartnerPath("nnnnnnnY")),
        // R9: a Partner Admin of P in the client; R13: one who is also P's manager changes a Super Admin who is P's employee.
        [typeof(ChangePermissionSetModel.Command)] = (async (f, c, as_) => await f.SendAsync(new ChangePermissionSetModel.Command
            { PartnerHubId = c.World.P, ClientHubId = c.Client.HubId, EmployeeId = c.User, PermissionSetId = c.Client.ReadOnlySet }, as_),
            new() { [Target.EmployeeOfP] = "nnnnnYnn", [Target.EmployeeOfQ] = "nnnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "nnnnnnnn", [Target.OwnUser] = "nnnnnnnn" }),
        [typeof(ChangeToPartnerAdminModel.Command)] = (async (f, c, as_) => await f.SendAsync(new ChangeToPartnerAdminModel.Command
            { PartnerHubId = c.World.P, ClientHubId = c.Client.HubId, UserId = c.User }, as_),
            new() { [Target.EmployeeOfP] = "nnnnnnnn", [Target.EmployeeOfQ] = "nnnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "nnnnnYnn", [Target.OwnUser] = "nnnnnnnn" }),
        // The client's pages: its own admins; a partner's employee changes only its colleagues' permission set and the client's own users.
        [typeof(UserModel.RemoveFromAccount)] = (async (f, c, as_) => await f.SendAsync(new UserModel.RemoveFromAccount(c.Client.HubId, c.User, Confirm: true), as_),
            new() { [Target.EmployeeOfP] = "YYnnnnnn", [Target.EmployeeOfQ] = "YYnnnnnn", [Target.OwnSuperAdmin] = "Ynnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "Ynnnnnnn", [Target.OwnUser] = "YYYYnYnn" }),
        [typeof(UserModel.SetAccess)] = (async (f, c, as_) => await f.SendAsync(new UserModel.SetAccess
            { HubId = c.Client.HubId, UserId = c.User, Access = CreateUserModel.Command.PermissionSet, PermissionSetId = c.Client.ReadOnlySet, Seat = SeatType.Core }, as_),
            new() { [Target.EmployeeOfP] = "YYYnnYnn", [Target.EmployeeOfQ] = "YYnYnnnn", [Target.OwnSuperAdmin] = "Ynnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "Ynnnnnnn", [Target.OwnUser] = "YYYYnYnn" }),
        [typeof(UserModel.Migrate)] = (async (f, c, as_) => await f.SendAsync(new UserModel.Migrate(c.Client.HubId, c.User, KeepBillingPermissions: false), as_),
            new() { [Target.EmployeeOfP] = "nnnnnnnn", [Target.EmployeeOfQ] = "nnnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "YnYnnYnn", [Target.OwnUser] = "nnnnnnnn" }),
        [typeof(PartnerAccessModel.Revoke)] = (async (f, c, as_) => await f.SendAsync(new PartnerAccessModel.Revoke(c.Client.HubId, [c.User]), as_),
            new() { [Target.EmployeeOfP] = "YYnnnnnn", [Target.EmployeeOfQ] = "YYnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "Ynnnnnnn", [Target.OwnUser] = "nnnnnnnn" }),
        [typeof(PartnerAccessModel.SetEndDate)] = (async (f, c, as_) => await f.SendAsync(new PartnerAccessModel.SetEndDate(c.Client.HubId, c.User, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40))), as_),
            new() { [Target.EmployeeOfP] = "YYnnnnnn", [Target.EmployeeOfQ] = "YYnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn", [Target.SuperAdminWhoIsEmployeeOfP] = "Ynnnnnnn", [Target.OwnUser] = "nnnnnnnn" }),
        // R23: revoking a whole partner is the client's own admins' decision (all or none: a Super Admin among them takes a Super Admin).
        [typeof(RevokePartnerModel.Command)] = (async (f, c, as_) => await f.SendAsync(new RevokePartnerModel.Command(c.Client.HubId, c.PartnerOfTarget, Confirm: true), as_),
            new() { [Target.EmployeeOfP] = "Ynnnnnnn", [Target.EmployeeOfQ] = "YYnnnnnn", [Target.OwnSuperAdmin] = "--------", [Target.SuperAdminWhoIsEmployeeOfP] = "--------", [Target.OwnUser] = "--------" }),
    };

    /// <summary>Commands that change no member of a client, or add one (judged by <see cref="WhoMayChangeWhom.WhyNotAdd"/>), and why they are not rows above.</summary>
    private static readonly Dictionary<Type, string> NotInMatrix = new()
    {
        [typeof(AddEmployeesModel.Command)] = "adds: WhyNotAdd, held by the domain table's R2_R6_R24 rows and ClientActionsTests",
        [typeof(Pages.Access.ApproveModel.Command)] = "adds: WhyNotAdd, held by the domain table and AccessLinkTests",
        [typeof(CreateUserModel.Command)] = "adds: WhyNotAdd (R24's template) or a new own user; UsersAndTeams and ClientSide tests",
        [typeof(LinkClientsModel.Command)] = "links an existing user for credit (R8): WhyNotAdd, RulesOnEveryPathTests",
        [typeof(Pages.Review.PartnerAccessModel.Approve)] = "a platform reviewer's decision on Partner Access (R27), not a member's access type",
        [typeof(Pages.Review.PartnerAccessModel.Reject)] = "a platform reviewer's decision (R27)",
        [typeof(Pages.Partner.PartnerAccess.RequestModel.Command)] = "asks for Partner Access; changes no member",
        [typeof(Pages.Partner.PartnerAccess.UploadModel.Command)] = "asks for Partner Access in bulk; changes no member",
        [typeof(Pages.Partner.PartnerAccess.IndexModel.Withdraw)] = "withdraws a request; changes no member",
        [typeof(AccessLinkModel.Reset)] = "a partner's own access link (R4)",
        [typeof(Pages.Partner.ClientAccessManager.EmployeeModel.AskToExtend)] = "asks the client to extend (B3); the client decides",
        [typeof(ClientInvitationsModel.Command)] = "answers a client's invitation (R22); no member changes",
        [typeof(Assign.Command)] = "an assignment grants no access (R16)",
        [typeof(Reviews.Start)] = "starts a review; no member changes",
        [typeof(Reviews.Complete)] = "completes a review; no member changes",
        [typeof(Reviews.Policy)] = "the partner's review policy",
        [typeof(BillingModel.Command)] = "the client's billing owner (R23, R28): ClientSideTests",
        [typeof(SecurityModel.Command)] = "the client's security settings (R28): ClientSideTests",
        [typeof(PartnersModel.Invite)] = "the client invites a partner (R22)",
        [typeof(PartnersModel.RevokeInvitation)] = "the client takes back an invitation",
        [typeof(PermissionSetsModel.Save)] = "the client's own permission sets",
        [typeof(PermissionSetsModel.Delete)] = "the client's own permission sets",
        [typeof(Pages.Settings.CreateUserModel.Command)] = "a user of the partner account, not of a client",
        [typeof(Pages.Settings.UserModel.SetAccess)] = "access in the partner account, not in a client",
        [typeof(Pages.Settings.UserModel.SwitchPartnerEmployee)] = "the Partner employee switch (refused while they hold partner seats: UsersAndTeamsTests)",
        [typeof(Pages.Settings.EmailDomainsModel.AddDomain)] = "the partner's email domains (audited: WhoMayChangeWhomTests)",
        [typeof(Pages.Settings.EmailDomainsModel.RemoveDomain)] = "the partner's email domains",
        [typeof(Pages.Settings.SecurityModel.Command)] = "the partner's security settings",
        [typeof(Pages.Profile.TwoFactorModel.Change)] = "your own sign-in",
        [typeof(Pages.Profile.ApiTokensModel.Create)] = "your own API token (B8): what it may change is decided per request by the same policy, ApiTests",
        [typeof(Pages.Profile.ApiTokensModel.Revoke)] = "your own API token (B8)",
        [typeof(Pages.Notifications.IndexModel.Open)] = "your own notifications",
        [typeof(Pages.Notifications.IndexModel.ReadAll)] = "your own notifications",
        [typeof(Pages.Notifications.PreferencesModel.Save)] = "your own email preferences",
        [typeof(Pages.WelcomeModel.Command)] = "your own first password",
        [typeof(Pages.SignUp.IndexModel.Command)] = "opens a sign-up and emails its link (O2); the account is made by its owner's link, with them as its only member",
        [typeof(Pages.Platform.AccountsModel.Suspend)] = "the operator suspends a whole account (O2); no member changes: RunningItForRealTests",
        [typeof(Pages.Partner.Dashboard.CreateClientModel.Command)] = "a partner's invitation to take a new client account (O2); its owner's answer approves the creator as an access link would (ApproveAccessLink, WhyNotAdd): PartnerCreatesClientTests",
        [typeof(Pages.Platform.ReviewersModel.AddReviewer)] = "the operator makes a Partner Access reviewer (R27), in no account; no member changes: OperatorReviewersTests",
        [typeof(Pages.Platform.ReviewersModel.RemoveReviewer)] = "the operator unmakes a reviewer (R27); no member changes",
        [typeof(Pages.Platform.ReviewersModel.SetConsultant)] = "a partner's channel consultant (R27); no member changes",
        [typeof(Pages.Platform.AccountsModel.Invite)] = "the operator's invitation to take a new account (O2); no member changes",
        [typeof(Pages.Invitations.IndexModel.Answer)] = "the invitee answers; accepting is judged as the inviter adding them now (AddPartnerUser, CreateClientUser): UsersAndTeamsTests",
    };

    private static Dictionary<Target, string> PartnerPath(string employeeOfP) => new()
    {
        [Target.EmployeeOfP] = employeeOfP, [Target.EmployeeOfQ] = "nnnnnnnn", [Target.OwnSuperAdmin] = "nnnnnnnn",
        [Target.SuperAdminWhoIsEmployeeOfP] = "nnnnnnnn", [Target.OwnUser] = "nnnnnnnn",
    };

    [Fact]
    public void Every_command_of_the_app_is_in_the_matrix_or_says_why_not()
    {
        var commands = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t)).ToHashSet();
        var unclassified = commands.Where(t => !Matrix.ContainsKey(t) && !NotInMatrix.ContainsKey(t)).Select(t => t.FullName).ToList();

        Assert.True(unclassified.Count == 0, "Put each in the matrix (it changes a member of a client) or say why not: " + string.Join(", ", unclassified));
        Assert.All(Matrix.Keys.Concat(NotInMatrix.Keys), t => Assert.Contains(t, commands));
        var cells = Matrix.Values.Sum(m => m.Verdicts.Values.Sum(v => v.Count(c => c != '-')));
        output.WriteLine($"Matrix: {Matrix.Count} commands × {Enum.GetValues<Actor>().Length} actor standings × {Enum.GetValues<Target>().Length} target standings = {cells} cells; {NotInMatrix.Count} commands classified out.");
    }

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var type in Matrix.Keys) data.Add(type.FullName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task SPEC3_each_command_changes_exactly_whom_the_table_lets_each_actor_change_and_a_refusal_changes_nothing(string command)
    {
        var (send, verdicts) = Matrix.Single(m => m.Key.FullName == command).Value;
        var world = await BuildAsync();
        Assert.True((await Fixture.SendAsync(new Reviews.Policy(world.P, 30, false), world.SuperAdminOfP)).Succeeded); // targets are stale (B5)
        var wrong = new List<string>();
        var cells = 0;
        foreach (var actor in Enum.GetValues<Actor>())
        {
            var client = world.Clients[actor];
            foreach (var target in Enum.GetValues<Target>())
            {
                var expected = verdicts[target][(int)actor];
                if (expected == '-') continue;
                cells++;
                var @case = new Case(world, client, target);
                var before = await AccessAsync(client.HubId);
                var result = await send(Fixture, @case, EmailOf(world, client, actor));
                var after = await AccessAsync(client.HubId);
                var changed = !Equals(before.GetValueOrDefault(@case.User), after.GetValueOrDefault(@case.User));
                if (changed != (expected == 'Y'))
                    wrong.Add($"{actor} → {target}: expected {(expected == 'Y' ? "a change" : "a refusal")}, got {result.Status} {result.Message}");
                else if (!changed && !before.OrderBy(p => p.Key).SequenceEqual(after.OrderBy(p => p.Key)))
                    wrong.Add($"{actor} → {target}: refused, yet something else in the client changed");
            }
        }
        output.WriteLine($"{command}: {cells} cells");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private Task<Dictionary<Guid, string>> AccessAsync(long clientHubId) => Fixture.InDbAsync(db => db.Memberships.AsNoTracking()
        .Where(m => m.AccountHubId == clientHubId)
        .Select(m => new { m.UserId, Access = $"{m.AccessType}:{m.PermissionSetId}:{m.ExpiresAt}" })
        .ToDictionaryAsync(m => m.UserId, m => m.Access));

    private static string EmailOf(World world, Client client, Actor actor) => actor switch
    {
        Actor.ClientSuperAdmin => client.Owner,
        Actor.ClientUserWithAddAndEditUsers => client.Editor,
        Actor.PartnerAdminOfP => client.PartnerAdminOfP,
        Actor.PartnerAdminOfQ => client.PartnerAdminOfQ,
        Actor.ManagerOfPNotInClient => world.ManagerNotInClient,
        Actor.ManagerOfPWhoIsPartnerAdmin => client.ManagerWhoIsPartnerAdmin,
        Actor.PlainEmployeeOfPNotInClient => world.PlainEmployee,
        _ => world.SuperAdminOfP,
    };

    /// <summary>
    /// One client per actor standing, so that what one actor changes never stands in another's way; each holds every actor standing
    /// that is a member there and one person of each target standing. P's Super Admin is P's first member (the demo activity is hers), so
    /// the targets, granted 50 days ago with nothing done since, are stale.
    /// </summary>
    private Task<World> BuildAsync() => Fixture.BuildAsync(w =>
    {
        var p = w.Partner("Matrix P");
        var boss = w.Employee(p, "Pia Boss", AccessType.SuperAdmin);
        var manager = w.Employee(p, "Max Manager", permissions: Permission.ClientAccessManager);
        var plain = w.Employee(p, "Pat Plain");
        var q = w.Partner("Matrix Q");
        w.Employee(q, "Quin Boss", AccessType.SuperAdmin);
        var clients = new Dictionary<Actor, Client>();
        foreach (var actor in Enum.GetValues<Actor>())
        {
            var client = w.Client($"Matrix {actor}");
            var editors = client.DefinePermissionSet("Editors", Permission.AddAndEditUsers | Permission.ViewRecords);
            w.Services(p, client);
            w.Services(q, client);
            var editor = w.Person($"Eddie {actor}");
            w.Member(client, editor, AccessType.User, "Read only");
            client.ChangePermissionSet(editor.Id, editors, new Domain.Actor(WorldBuilder.OwnerOf(client).Id), DateTimeOffset.UtcNow);
            var partnerAdminOfP = w.Employee(p, $"Paula {actor}");
            w.Seat(client, p, partnerAdminOfP, AccessType.PartnerAdmin);
            var partnerAdminOfQ = w.Employee(q, $"Quentin {actor}");
            w.Seat(client, q, partnerAdminOfQ, AccessType.PartnerAdmin);
            var managerHere = w.Employee(p, $"Manon {actor}", permissions: Permission.ClientAccessManager);
            w.Seat(client, p, managerHere, AccessType.PartnerAdmin);
            var employeeOfP = w.Employee(p, $"Tess {actor}");
            w.Seat(client, p, employeeOfP, AccessType.PartnerAdmin);
            var employeeOfQ = w.Employee(q, $"Tom {actor}");
            w.Seat(client, q, employeeOfQ, AccessType.PartnerAdmin);
            var ownSuperAdmin = w.Person($"Olga {actor}");
            w.Member(client, ownSuperAdmin, AccessType.SuperAdmin);
            var superAdminOfP = w.Employee(p, $"Sara {actor}");
            w.Seat(client, p, superAdminOfP, AccessType.SuperAdmin);
            var ownUser = w.Person($"Uma {actor}");
            w.Member(client, ownUser);
            clients[actor] = new Client(client.HubId, WorldBuilder.OwnerOf(client).Email, editor.Email, partnerAdminOfP.Email, partnerAdminOfQ.Email, managerHere.Email,
                new Dictionary<Target, Guid>
                {
                    [Target.EmployeeOfP] = employeeOfP.Id, [Target.EmployeeOfQ] = employeeOfQ.Id, [Target.OwnSuperAdmin] = ownSuperAdmin.Id,
                    [Target.SuperAdminWhoIsEmployeeOfP] = superAdminOfP.Id, [Target.OwnUser] = ownUser.Id,
                }, 0);
        }
        return (p, q, boss, manager, plain, clients);
    }).ContinueWith(async built =>
    {
        var (p, q, boss, manager, plain, clients) = built.Result;
        var withSets = new Dictionary<Actor, Client>();
        foreach (var (actor, client) in clients)
        {
            var readOnly = await Fixture.InDbAsync(db => db.PermissionSets.Where(s => s.AccountHubId == client.HubId && s.Name == "Read only").Select(s => s.Id).SingleAsync());
            withSets[actor] = client with { ReadOnlySet = readOnly };
        }
        return new World(p.HubId, q.HubId, withSets, manager.Email, plain.Email, boss.Email);
    }).Unwrap();
}
