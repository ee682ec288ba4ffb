namespace PartnerPortal.Domain;

/// <summary>
/// The columns of one kind that live on every account's row. Both kinds are stored in one table (<c>Accounts</c>, told apart by
/// <see cref="Kind"/>), and a column of a derived type would have to allow NULL there; so the data stays here, readable by
/// queries over every account, and only the kind's own type changes it (the setters are not public).
/// </summary>
public abstract partial class Account
{
    /// <summary>The plan the client pays for, as its billing shows it (read-only in the product: R23).</summary>
    public string? Subscription { get; private protected set; }

    /// <summary>When the current contract term ends (read-only in the product: R23).</summary>
    public DateTimeOffset? ContractEndsOn { get; private protected set; }

    /// <summary>The user who owns the client's billing; only someone with billing rights changes it (R23, R28).</summary>
    public Guid? BillingOwnerUserId { get; private protected set; }

    /// <summary>Security settings: whether users may be given access to sensitive data at all (Super Admins only, R28).</summary>
    public bool AllowsSensitiveData { get; private protected set; }

    /// <summary>R27: a partner account's channel consultant, a Partner Access reviewer told of each of its requests.</summary>
    public Guid? ChannelConsultantUserId { get; private protected set; }

    public const int DefaultStaleAfterDays = 90;

    public const int ReasonLength = 200;

    /// <summary>A partner's: a partner employee's access in a client is stale after this many days without a qualifying activity there.</summary>
    public int StaleAfterDays { get; private protected set; } = DefaultStaleAfterDays;

    /// <summary>A partner's: a review of stale access starts by itself each quarter.</summary>
    public bool QuarterlyReview { get; private protected set; }
}
