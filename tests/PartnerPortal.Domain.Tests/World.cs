namespace PartnerPortal.Domain.Tests;

/// <summary>Small hand-built worlds for the rule tests.</summary>
internal static class World
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Someone acting as the client's own admin, not for any partner.</summary>
    public static readonly Actor SomeClientAdmin = new(Guid.NewGuid());

    public static User Person(string email) => new(Guid.NewGuid(), email, email.Split('@')[0]);

    public static Account ClientWithSuperAdmins(params User[] superAdmins)
    {
        var client = Account.CreateClient(45_000_001, "Harbor Coffee Roasters");
        foreach (var user in superAdmins) client.AddMember(user, AccessType.SuperAdmin, Now);
        return client;
    }
}
