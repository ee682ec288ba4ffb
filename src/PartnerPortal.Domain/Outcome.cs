namespace PartnerPortal.Domain;

/// <summary>
/// The answer of a domain method: done (and whether anything actually changed), or refused with a
/// message a user can read.
/// </summary>
public readonly record struct Outcome(bool Succeeded, string? Refusal, bool Changed)
{
    public static Outcome Done { get; } = new(true, null, true);

    /// <summary>Allowed, but it was already so: nothing to save, audit or tell anyone.</summary>
    public static Outcome Unchanged { get; } = new(true, null, false);

    public static Outcome Refused(string message) => new(false, message, false);
}
