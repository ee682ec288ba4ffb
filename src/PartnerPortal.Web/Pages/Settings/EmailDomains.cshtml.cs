namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// Users &amp; Teams → Partner employee email domains (R7): users with an email on one get the checkmark. Everyone who may
/// open Users &amp; Teams sees them; only a Super Admin adds and removes them. A domain belongs to one partner only, and
/// shared mail domains (gmail.com, …) are refused with the reason.
/// </summary>
public class EmailDomainsModel(IMediator mediator) : PageModel
{
    [BindProperty] public AddDomain Data { get; set; } = new();

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostAddAsync(long hubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId }, this.FlashThen(() => RedirectToPage(new { hubId })), () => ShowAsync(hubId, ct), nameof(Data));

    public Task<IActionResult> OnPostRemoveAsync(long hubId, [FromForm(Name = "domain")] string? domain, CancellationToken ct) =>
        this.SubmitAsync(mediator, new RemoveDomain { HubId = hubId, Domain = domain ?? "" }, this.FlashThen(() => RedirectToPage(new { hubId })), () => ShowAsync(hubId, ct));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.AddAndEditUsers);
    }

    public sealed record Model(SettingsHeader Header, IReadOnlyList<string> Domains);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken) =>
            new Model(SettingsHeader.For(scope.Account, SettingsHeader.EmailDomains), await db.EmailDomainsOfAsync(request.HubId, cancellationToken));
    }

    public sealed record AddDomain : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public string Domain { get; init; } = "";

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ChangeEmailDomains);
    }

    public sealed class AddDomainValidator : AbstractValidator<AddDomain>
    {
        public AddDomainValidator() => RuleFor(c => c.Domain).NotEmpty().WithMessage("Enter a domain such as agency.com.")
            .MaximumLength(253).WithMessage("A domain name has at most 253 characters.");
    }

    public sealed class AddDomainHandler(PortalDb db, AccessScope scope) : IRequestHandler<AddDomain, Result<string>>
    {
        public async Task<Result<string>> Handle(AddDomain request, CancellationToken cancellationToken)
        {
            var domain = PartnerEmailDomain.Normalize(request.Domain);
            // A domain belongs to one partner only (a unique index holds it under concurrency; the loser is retried and told this).
            if (await db.PartnerEmailDomains.AnyAsync(d => d.Domain == domain && d.PartnerHubId != request.HubId, cancellationToken))
                return Failure.Refused($"{domain} is the partner employee email domain of another partner. A domain belongs to one partner only.");
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var outcome = partner.AddEmailDomain(scope.Account.Membership.UserId, request.Domain);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            await db.SaveChangesAsync(cancellationToken);
            return $"{domain} was added. Users with an email address on it now get the checkmark.";
        }
    }

    public sealed record RemoveDomain : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public string Domain { get; init; } = "";

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ChangeEmailDomains);
    }

    public sealed class RemoveDomainValidator : AbstractValidator<RemoveDomain>
    {
        public RemoveDomainValidator() => RuleFor(c => c.Domain).NotEmpty().WithMessage("Choose a domain to remove.")
            .MaximumLength(253).WithMessage("A domain name has at most 253 characters.");
    }

    public sealed class RemoveDomainHandler(PortalDb db, AccessScope scope) : IRequestHandler<RemoveDomain, Result<string>>
    {
        public async Task<Result<string>> Handle(RemoveDomain request, CancellationToken cancellationToken)
        {
            var partner = await scope.LoadPartnerAsync(cancellationToken);
            var outcome = partner.RemoveEmailDomain(scope.Account.Membership.UserId, request.Domain);
            if (!outcome.Succeeded) return Failure.Refused(outcome.Refusal!);
            var domain = PartnerEmailDomain.Normalize(request.Domain);
            if (!outcome.Changed) return Failure.Refused($"{domain} is not one of your partner employee email domains.");
            await db.SaveChangesAsync(cancellationToken);
            return $"{domain} was removed. Users with an email address on it no longer get the checkmark.";
        }
    }
}
