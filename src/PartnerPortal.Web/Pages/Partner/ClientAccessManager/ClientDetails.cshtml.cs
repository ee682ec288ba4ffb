using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R9, R11: a client's partner employees; Change permission set; select and Remove partner employee.</summary>
public class ClientDetailsModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "remove")] public List<Guid> Selected { get; set; } = [];

    [TempData] public string? Flash { get; set; }

    public Model? View { get; private set; }

    public RemovePartnerEmployees.Review? Review { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, long clientHubId, CancellationToken ct) => await ShowAsync(hubId, clientHubId, ct);

    /// <summary>Remove partner employee: shows what will happen, changes nothing.</summary>
    public async Task<IActionResult> OnPostReviewAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        try
        {
            var review = await mediator.Send(new RemovePartnerEmployees.ReviewQuery(hubId, Pairs(clientHubId)), ct);
            if (this.FailureResult(review) is { } failure) return failure;
            Review = review.Value;
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex);
        }
        return await ShowAsync(hubId, clientHubId, ct);
    }

    /// <summary>Confirm removal.</summary>
    public Task<IActionResult> OnPostConfirmAsync(long hubId, long clientHubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RemovePartnerEmployees.Command(hubId, Pairs(clientHubId)), receipt =>
        {
            Flash = $"Removed {string.Join(", ", receipt.Items.Select(i => i.EmployeeName))}. {string.Join(" ", receipt.Clients.Select(c => c.Consequence))}";
            return RedirectToPage(new { hubId, clientHubId });
        }, () => ShowAsync(hubId, clientHubId, ct));

    private List<RemovePartnerEmployees.Pair> Pairs(long clientHubId) => Selected.Select(u => new RemovePartnerEmployees.Pair(clientHubId, u)).ToList();

    private async Task<IActionResult> ShowAsync(long hubId, long clientHubId, CancellationToken ct)
    {
        var result = await mediator.Send(new Query(hubId, clientHubId), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        View = result.Value;
        return Page();
    }

    public sealed record Query(long PartnerHubId, long ClientHubId) : IRequest<Result<Model>>;

    public sealed record Row(Guid UserId, string Name, string Email, string Access, string PermissionSet, DateTimeOffset GrantedAt, bool Linked);

    public sealed record Model(CamHeader Header, long ClientHubId, string ClientName, bool YouAdminister, IReadOnlyList<Row> Employees);

    public sealed class Handler(AccountAccess access) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var gate = await access.PartnerClientAsync(request.PartnerHubId, request.ClientHubId, cancellationToken);
            if (!gate.Succeeded) return gate.AsFailure();
            var (partner, client) = gate.Value!;
            var rows = client.PartnerEmployeesOf(request.PartnerHubId)
                .OrderBy(m => m.User!.Name)
                .Select(m => new Row(m.UserId, m.User!.Name, m.User.Email, m.AccessType.Display(),
                    m.IsSuperAdmin ? "All (Super Admin)" : m.PermissionSet?.Name ?? "None", m.GrantedAt, m.LinkedForManagedCredit))
                .ToList();
            return new Model(new CamHeader(partner.HubId, partner.Name, "Clients"), client.HubId, client.Name, gate.Value!.YouAdminister, rows);
        }
    }
}
