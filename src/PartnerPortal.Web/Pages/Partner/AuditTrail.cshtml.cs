using PartnerPortal.Web.Pages.Audit;

namespace PartnerPortal.Web.Pages.Partner;

/// <summary>
/// B1: the partner's audit trail (Dashboard → Audit trail) — its own account's entries and those made on its behalf in its
/// clients, filtered by who, whom, action, client and dates, newest first, keyset-paged; the same as CSV, streamed.
/// Super Admins and Client access managers (<see cref="TrailQuery"/>).
/// </summary>
public class AuditTrailModel(IMediator mediator) : TrailPage(mediator, partner: true);
