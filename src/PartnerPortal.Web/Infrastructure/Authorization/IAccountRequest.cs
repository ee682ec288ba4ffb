namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// A request that reads or changes one account. Its <see cref="Requirement"/> is checked before
/// its handler runs; the handler finds what was checked in <see cref="AccessScope"/>. Every request
/// is either this or carries <see cref="NotAccountScopedAttribute"/>: a test fails otherwise.
/// </summary>
public interface IAccountRequest
{
    AccessRequirement Requirement { get; }
}
