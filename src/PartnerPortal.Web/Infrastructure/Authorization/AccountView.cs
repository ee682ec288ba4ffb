namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>An account as a member sees it: its identity and the member's own membership (with permission set).</summary>
/// <param name="StaleAfterDays">B5: a partner's period after which its employees' access without activity is stale (read with the rest).</param>
/// <param name="QuarterlyReview">B5: whether the partner's review starts each quarter.</param>
public sealed record AccountView(long HubId, string Name, AccountKind Kind, Membership Membership, int StaleAfterDays = Account.DefaultStaleAfterDays,
    bool QuarterlyReview = false);
