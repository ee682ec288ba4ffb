using PartnerPortal.Web.Pages.Audit;

namespace PartnerPortal.Web.Pages.ClientAccount;

/// <summary>
/// B1: the client's audit trail (Settings → Audit trail) — every access change in its account, its partners' included,
/// filtered by who, whom, action and dates, newest first, keyset-paged; the same as CSV, streamed. Super Admins and holders
/// of Add and edit users (<see cref="TrailQuery"/>).
/// </summary>
public class AuditTrailModel(IMediator mediator) : TrailPage(mediator, partner: false);
