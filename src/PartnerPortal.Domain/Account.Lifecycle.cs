using PartnerPortal.Domain.Events;

namespace PartnerPortal.Domain;

/// <summary>O2: how an account comes into being without the demo, and the operator's suspension of it.</summary>
public abstract partial class Account
{
    /// <summary>The smallest and largest Hub ID given to a new account (eight digits, like the originals').</summary>
    public const long FirstHubId = 20_000_000, LastHubId = 99_999_999;

    /// <summary>
    /// A new account with its first Super Admin, who proved their email (sign-up, or the operator's invitation). A partner's
    /// founder is its first partner employee too, so that they have an access link and can work in clients from day one.
    /// </summary>
    public static Account Found(long hubId, string name, AccountKind kind, User founder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(founder);
        Account account = kind == AccountKind.Partner ? CreatePartner(hubId, name) : CreateClient(hubId, name);
        account.AddMember(founder, AccessType.SuperAdmin, now);
        if (account is PartnerAccount partner) partner.TagPartnerEmployee(founder.Id, true);
        account.Raise(new AccessChanged(hubId, account.OwnPartnerHubId, AuditActions.AccountCreated, $"{name} (Hub ID {hubId})", "None", $"Super Admin {founder.Email}"));
        return account;
    }

    /// <summary>When the operator suspended the account: its users cannot act in it (every page of it answers so); nothing is deleted.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public Outcome Suspend(DateTimeOffset now)
    {
        if (IsSuspended) return Outcome.Unchanged;
        SuspendedAt = now;
        Raise(new AccessChanged(HubId, OwnPartnerHubId, AuditActions.AccountSuspended, $"{Name} (Hub ID {HubId})", "Active", "Suspended"));
        return Outcome.Done;
    }

    public Outcome Reactivate()
    {
        if (!IsSuspended) return Outcome.Unchanged;
        SuspendedAt = null;
        Raise(new AccessChanged(HubId, OwnPartnerHubId, AuditActions.AccountReactivated, $"{Name} (Hub ID {HubId})", "Suspended", "Active"));
        return Outcome.Done;
    }

    /// <summary>
    /// O4, break-glass: the platform operator makes <paramref name="user"/> a Super Admin here (added when not a member), for an
    /// account whose own Super Admins are gone. Asked of the one policy like every other change.
    /// </summary>
    public Outcome GrantSuperAdminByOperator(Actor actor, User user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (WhoMayChangeWhom.WhyNotBreakGlass(actor) is { } refusal) return Outcome.Refused(refusal);
        var member = MembershipOf(user.Id);
        if (member?.IsSuperAdmin == true) return Outcome.Unchanged;
        var joining = member is null;
        member ??= Join(user, AccessType.SuperAdmin, now);
        return Change(member, AuditActions.SuperAdminGrantedByOperator, null, now, member.BecomeSuperAdmin, joining);
    }
}
