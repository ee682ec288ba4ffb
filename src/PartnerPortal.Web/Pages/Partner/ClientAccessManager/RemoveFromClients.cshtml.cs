namespace PartnerPortal.Web.Pages.Partner.ClientAccessManager;

/// <summary>R10: Remove employee from clients: choose clients, Next, review, Done.</summary>
public class RemoveFromClientsModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "clients")] public List<long> Selected { get; set; } = [];

    /// <summary>What was ticked before a search, carried along by it.</summary>
    [BindProperty(SupportsGet = true, Name = "selected")] public List<long> Carried { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public EmployeeModel.Model? View { get; private set; }

    public RemovePartnerEmployees.Review? Review { get; private set; }

    public async Task<IActionResult> OnGetAsync(long hubId, Guid employeeId, CancellationToken ct) => await ShowAsync(hubId, employeeId, ct);

    /// <summary>Next: the review; nothing changes yet.</summary>
    public async Task<IActionResult> OnPostNextAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        var review = await mediator.Send(new RemovePartnerEmployees.ReviewQuery(hubId, Pairs(employeeId)), ct);
        if (this.FailureResult(review) is { } failure) return failure;
        Review = review.Value;
        return await ShowAsync(hubId, employeeId, ct);
    }

    /// <summary>Done: removes, and lists what was revoked per client.</summary>
    public Task<IActionResult> OnPostDoneAsync(long hubId, Guid employeeId, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RemovePartnerEmployees.Command(hubId, Pairs(employeeId)), receipt =>
        {
            this.Flash(receipt.Summary(), this.ReceiptOf(hubId));
            return RedirectToPage("Employee", new { hubId, employeeId });
        }, () => ShowAsync(hubId, employeeId, ct));

    private List<RemovePartnerEmployees.Pair> Pairs(Guid employeeId) => Selected.Select(c => new RemovePartnerEmployees.Pair(c, employeeId)).ToList();

    private async Task<IActionResult> ShowAsync(long hubId, Guid employeeId, CancellationToken ct)
    {
        if (Carried.Count > 0) Selected = [.. Selected.Union(Carried).Take(RemovePartnerEmployees.MaxPairs)];
        var result = await mediator.Send(new EmployeeModel.Query(hubId, employeeId, Search, 1, Selected.Distinct().Take(RemovePartnerEmployees.MaxPairs).ToList()), ct);
        if (!result.Succeeded) return this.Refusal(result);
        View = result.Value;
        return Page();
    }
}
