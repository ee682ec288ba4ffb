namespace PartnerPortal.Domain;

public enum PartnerAccessRequestState
{
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
}
