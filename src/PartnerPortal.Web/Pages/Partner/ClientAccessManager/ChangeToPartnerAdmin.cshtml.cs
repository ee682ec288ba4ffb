using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R13, R14: Change to Partner Admin (yourself, or another Super Admin who is your partner's employee), with Keep billing permissions.</summary>
public class ChangeToPartnerAdminModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    [TempData] public string? Flash { get; set; }

    public Model? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => await ShowAsync(hubId, clientHubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { PartnerHubId = hubId, ClientHubId = clientHubId }, message =>
        {
            Flash = message;
            return RedirectToPage("Index", new { hubId });
        }, () => ShowAsync(hubId, clientHubId, ct), nameof(Data));

    private async Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, clientHubId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, long ClientHubId) : IRequest<Result<Model>>;

    public sealed record Candidate(Guid UserId, string Name, bool IsYou);

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, IReadOnlyList<Candidate> Candidates, int SuperAdmins);

    public sealed class Handler(PortalDb db, AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            var (partner, client) = gate.Value!;
            if (!gate.Value.YouAdminister) return Failure.Forbidden;
            // Only Super Admins who are this partner's employees can be changed from here.
            var employees = (await db.Memberships.Where(m => m.AccountHubId == request.PartnerHubId && m.IsPartnerEmployee)
                .Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
            var candidates = client.Memberships
                .Where(m => m.IsSuperAdmin && employees.Contains(m.UserId) && (m.UserId != access.UserId || gate.Value.You!.IsSuperAdmin))
                .OrderByDescending(m => m.UserId == access.UserId).ThenBy(m => m.User!.Name)
                .Select(m => new Candidate(m.UserId, m.User!.Name, m.UserId == access.UserId))
                .ToList();
            return new Model(new CamHeader(partner.HubId, partner.Name, "Clients"), client.HubId, client.Name, candidates, client.SuperAdminCount);
        }
    }

    public sealed record Command : ICommand<Result<string>>
    {
        public long PartnerHubId { get; init; }
        public long ClientHubId { get; init; }
        public Guid UserId { get; init; }
        public bool KeepBillingPermissions { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEqual(Guid.Empty).WithMessage("Choose who becomes Partner Admin.");
    }

    public sealed class CommandHandler(PortalDb db, AccountAccess access, AuditLog audit) : IRequestHandler<Command, Result<string>>
    {
        private const int Attempts = 3;

        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryAsync(request, cancellationToken);
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    // R14: another change to this account's Super Admins won the race; look again with what it committed.
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<Result<string>> TryAsync(Command request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            var client = gate.Value!.Client;
            var target = client.MembershipOf(request.UserId);
            if (target is null) return Failure.NotFound;
            var isEmployee = (await access.EmployeeOfPartnerAsync(request.PartnerHubId, request.UserId, cancellationToken)).Succeeded;
            var before = target.Describe();

            var outcome = client.ChangeToPartnerAdmin(access.UserId, request.UserId, request.KeepBillingPermissions,
                isEmployee ? request.PartnerHubId : null);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            audit.Record(client.HubId, request.PartnerHubId, "Changed to Partner Admin", target.User!.Email, before, target.Describe());
            await db.SaveChangesAsync(cancellationToken); // the account's Version is the concurrency token
            var who = request.UserId == access.UserId ? "You are" : $"{target.User.Name} is";
            return $"{who} now Partner Admin in {client.Name}{(request.KeepBillingPermissions ? ", keeping billing permissions" : "")}.";
        }
    }
}
