using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Infrastructure.Authorization;
using PartnerPortal.Web.Pages.Audit;
using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner;

/// <summary>
/// B1: the partner's audit trail (Dashboard → Audit trail) — its own account's entries and those made on its behalf in its
/// clients, filtered by who, whom, action, client and dates, newest first, keyset-paged; the same as CSV, streamed.
/// Super Admins and Client access managers.
/// </summary>
public class AuditTrailModel(IMediator mediator) : TrailPage
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) => this.ShowListAsync(mediator, new Query(hubId, Filter), new Query(hubId, new Trail.Filter()), view => View = view);

    public Task<IActionResult> OnGetCsvAsync(long hubId) => CsvAsync(mediator, new CsvQuery(hubId, Filter), $"audit-trail-{hubId}.csv");

    public sealed record Query(long HubId, Trail.Filter Filter) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed record CsvQuery(long HubId, Trail.Filter Filter) : IRequest<Result<TrailStream>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Trail.Rules(this, q => q.Filter);
    }

    public sealed class CsvValidator : AbstractValidator<CsvQuery>
    {
        public CsvValidator() => Trail.Rules(this, q => q.Filter);
    }

    public sealed record Model(DashboardHeader Header, TrailView Trail);

    public sealed class Handler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var (rows, next) = await Trail.PageAsync(db, request.HubId, partner: true, request.Filter, cancellationToken);
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.AuditTrail),
                new TrailView($"/{request.HubId}/partner/audit-trail", true, request.Filter, rows, next));
        }
    }

    public sealed class CsvHandler(PortalDb db) : IRequestHandler<CsvQuery, Result<TrailStream>>
    {
        public async Task<Result<TrailStream>> Handle(CsvQuery request, CancellationToken cancellationToken) =>
            await Trail.StreamAsync(db, request.HubId, partner: true, request.Filter, cancellationToken);
    }
}
