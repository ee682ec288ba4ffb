namespace PartnerPortal.Domain.Tests;

/// <summary>Small hand-built worlds for the rule tests.</summary>
internal static class World
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The client's own admin acting on its pages: its first Super Admin (one joins when it has none).</summary>
    public static Actor AdminOf(ClientAccount client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var admin = client.Memberships.FirstOrDefault(m => m.IsSuperAdmin && m.PartnerHubId is null)
            ?? client.AddMember(Person($"owner.{Guid.NewGuid():N}@client.test"), AccessType.SuperAdmin, Now);
        return new Actor(admin.UserId);
    }

    /// <summary>Someone acting through the partner's pages as its Super Admin (SPEC §3: <see cref="PartnerRole"/>).</summary>
    public static Actor ForPartner(Guid userId, long partnerHubId, bool superAdmin = true, bool clientAccessManager = false) =>
        new(userId, partnerHubId, new PartnerRole(partnerHubId, superAdmin, clientAccessManager));

    public static User Person(string email) => new(Guid.NewGuid(), email, email.Split('@')[0]);

    public static ClientAccount ClientWithSuperAdmins(params User[] superAdmins)
    {
        var client = Account.CreateClient(45_000_001, "Harbor Coffee Roasters");
        foreach (var user in superAdmins) client.AddMember(user, AccessType.SuperAdmin, Now);
        return client;
    }
}
