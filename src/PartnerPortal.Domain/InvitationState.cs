namespace PartnerPortal.Domain;

public enum InvitationState
{
    Pending = 1,
    Accepted = 2,
    Revoked = 3,
    Declined = 4,
}
