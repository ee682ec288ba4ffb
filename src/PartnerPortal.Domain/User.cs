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
}
