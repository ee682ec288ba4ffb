namespace PartnerPortal.Domain;

/// <summary>The answer of a domain method: done, or refused with a message a user can read.</summary>
public readonly record struct Outcome(bool Succeeded, string? Refusal)
{
    public static Outcome Done { get; } = new(true, null);

    public static Outcome Refused(string message) => new(false, message);
}
