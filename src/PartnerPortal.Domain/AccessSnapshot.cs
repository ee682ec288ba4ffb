namespace PartnerPortal.Domain;

/// <summary>A member's access at one moment; equal snapshots mean nothing changed.</summary>
internal readonly record struct AccessSnapshot(AccessType AccessType, string? PermissionSet, Permission ExplicitPermissions, bool KeepsBilling,
    bool IsPartnerEmployee, long? PartnerHubId, bool Linked, SeatType Seat, DateTimeOffset? ExpiresAt,
    bool PartnerAccess);
