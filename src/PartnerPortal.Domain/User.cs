namespace PartnerPortal.Domain;

/// <summary>One login identity. Credentials live with the sign-in store; this is who the person is.</summary>
public class User
{
    private User() { }

    public User(Guid id, string email, string name)
    {
        if (id == Guid.Empty) throw new ArgumentException("A user needs an id.", nameof(id));
        Id = id;
        Email = EmailAddress.Normalize(email);
        Name = Guard.NotBlank(name, nameof(name), 200);
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";

    public string EmailDomain => EmailAddress.DomainOf(Email);

    /// <summary>
    /// R27: a platform operator who reviews Partner Access requests (the vendor's review team and channel consultants). It is
    /// given by the operators' command (docs/operations.md), never from a page, and opens no account: only the review queue.
    /// </summary>
    public bool IsPartnerAccessReviewer { get; private set; }

    public bool MakePartnerAccessReviewer(bool on)
    {
        if (IsPartnerAccessReviewer == on) return false;
        IsPartnerAccessReviewer = on;
        return true;
    }
}
