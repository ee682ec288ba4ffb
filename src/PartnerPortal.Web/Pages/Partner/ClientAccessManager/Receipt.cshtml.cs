using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>
/// What one Done, Confirm or Add changed, entry by entry from the audit trail (B1), paged: the receipt a short
/// message links to, however many clients the change touched.
/// </summary>
public class ReceiptModel(IMediator mediator) : PageModel
{
    /// <summary>Keyset paging: the page starts after this entry.</summary>
    [BindProperty(SupportsGet = true, Name = "after")] public long? After { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid operationId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, operationId, After), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, Guid OperationId, long? After = null) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 50;

        public AccessRequirement Requirement => AccessRequirement.InPartner(PartnerHubId, Right.ClientAccessManager);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.After).GreaterThan(0).When(q => q.After is not null).WithMessage("That page of the receipt does not exist.");
    }

    public sealed record Row(long Id, string Account, long AccountHubId, string Action, string Subject, string? Before, string? After, DateTimeOffset At);

    /// <param name="Next">The entry the next page starts after, when there is one.</param>
    public sealed record Model(CamHeader Header, Guid OperationId, IReadOnlyList<Row> Entries, long? Next, bool First);

    public sealed class Handler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var after = request.After ?? 0;
            // Only this partner's entries: another partner's operation id finds nothing here.
            var rows = await db.AuditEntries.AsNoTracking()
                .Where(a => a.OperationId == request.OperationId && a.PartnerHubId == request.PartnerHubId && a.Id > after)
                .OrderBy(a => a.Id).Take(Query.PageSize + 1)
                .Join(db.Accounts, a => a.AccountHubId, x => x.HubId,
                    (a, x) => new Row(a.Id, x.Name, a.AccountHubId, a.Action, a.Subject, a.Before, a.After, a.At))
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) return Failure.NotFound;
            var more = rows.Count > Query.PageSize;
            var shown = rows.Take(Query.PageSize).OrderBy(r => r.Id).ToList();
            return new Model(CamHeader.For(scope.Account, "Clients"), request.OperationId, shown, more ? shown[^1].Id : null, request.After is null);
        }
    }
}
