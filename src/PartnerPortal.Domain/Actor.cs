namespace PartnerPortal.Domain;

/// <summary>
/// Who makes a change. <paramref name="ForPartnerHubId"/> is set when they act as a partner
/// employee of that partner (switch on, R15), through the Client Access Manager or an access link:
/// their real changes in a client account are then qualifying activities (R12).
/// </summary>
public readonly record struct Actor(Guid UserId, long? ForPartnerHubId = null);
