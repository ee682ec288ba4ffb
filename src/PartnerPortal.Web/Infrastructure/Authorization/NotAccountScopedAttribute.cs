namespace PartnerPortal.Web.Infrastructure.Authorization;

/// <summary>
/// Marks a request that acts on no account given in its input (signing in, the user's own
/// account list, a link whose token is the capability), with the reason. Every other request is an
/// <see cref="IAccountRequest"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAccountScopedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
