using System.Security.Claims;

namespace PartnerPortal.Web.Infrastructure;

public interface ICurrentUser
{
    Guid UserId { get; }
    bool IsSignedIn { get; }
}

/// <summary>Who is asking, for the handlers. Set from the cookie by a middleware, or by a test fixture.</summary>
public sealed class CurrentUser : ICurrentUser
{
    public Guid UserId { get; private set; }
    public bool IsSignedIn => UserId != Guid.Empty;

    public void Become(Guid userId) => UserId = userId;

    public void Become(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        UserId = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
    }
}
