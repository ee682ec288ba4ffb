namespace PartnerPortal.Domain;

/// <summary>
/// Who makes a change. <paramref name="ForPartnerHubId"/> is set when they act as a partner
/// employee of that partner (switch on, R15), through the Client Access Manager or an access link:
/// their real changes in a client account are then qualifying activities (R12). <paramref name="Through"/>
/// is set when they act through a partner account's pages (the Client Access Manager, the dashboard,
/// offboarding, reviews, Remove user), with the rights they hold there: SPEC §3 decides by it.
/// </summary>
public readonly record struct Actor(Guid UserId, long? ForPartnerHubId = null, PartnerRole? Through = null, bool PlatformOperator = false);

/// <summary>
/// The rights someone acting through partner <paramref name="PartnerHubId"/>'s account holds there (SPEC §3).
/// <paramref name="RemovingUser"/>: R20 — they are removing a user from the partner account, which takes that user's
/// partner access with it wherever the partner has it.
/// </summary>
public sealed record PartnerRole(long PartnerHubId, bool SuperAdmin, bool ClientAccessManager, bool RemovingUser = false)
{
    /// <summary>Seed 000: "Super Admin or Client access manager permissions".</summary>
    public bool ManagesClientAccess => SuperAdmin || ClientAccessManager;
}
