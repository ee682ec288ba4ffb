namespace PartnerPortal.Domain;

public enum RelationshipState
{
    Invited = 1,
    Active = 2,
    Ending = 3,
    Ended = 4,
}
