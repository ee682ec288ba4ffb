namespace PartnerPortal.Domain;

public enum AccountKind
{
    Partner = 1,
    Client = 2,
}
