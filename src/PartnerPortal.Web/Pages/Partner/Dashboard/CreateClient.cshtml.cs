using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Infrastructure.Operations;

namespace PartnerPortal.Web.Pages.Partner.Dashboard;

/// <summary>
/// O2: *Create client account* from the partner's client list — the client's name and its owner's name and email. The owner
/// is emailed a link; taking it, they become the client's Super Admin and approve or decline the employee who created it as
/// Partner Admin (R2/R3, one more way). Until then the client waits on the dashboard as Invited. The account is the owner's
/// from its first minute (R23).
/// </summary>
public class CreateClientModel(IMediator mediator) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();

    public DashboardHeader? Header { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, CancellationToken ct) => ShowAsync(hubId, ct);

    public Task<IActionResult> OnPostAsync(long hubId, CancellationToken ct) =>
        this.SubmitAsync(mediator, Data with { HubId = hubId }, this.FlashThen(() => RedirectToPage("/Partner/Dashboard/Index", null, new { hubId }, "waiting-clients")),
            () => ShowAsync(hubId, ct), nameof(Data));

    private Task<IActionResult> ShowAsync(long hubId, CancellationToken ct) => this.ShowPageAsync(mediator, new Query(hubId), header => Header = header);

    public sealed record Query(long HubId) : IRequest<Result<DashboardHeader>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryHandler(AccessScope scope) : IRequestHandler<Query, Result<DashboardHeader>>
    {
        public Task<Result<DashboardHeader>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<Result<DashboardHeader>>(DashboardHeader.For(scope.Account, DashboardHeader.Overview));
    }

    public sealed record Command : ICommand<Result<string>>, IAccountRequest
    {
        public long HubId { get; init; }
        public string AccountName { get; init; } = "";
        public string OwnerName { get; init; } = "";
        public string OwnerEmail { get; init; } = "";

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.AccountName).IsName("the client account's name");
            RuleFor(c => c.OwnerName).IsName("the owner's name");
            RuleFor(c => c.OwnerEmail).IsEmail("the owner's");
        }
    }

    public sealed class CommandHandler(AccountFounding founding, AccessScope scope) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = scope.Account.Membership;
            var email = EmailAddress.Normalize(request.OwnerEmail);
            // The owner approves the creator as Partner Admin, as an access link would: only a partner employee has one (R1).
            if (!me.IsPartnerEmployee) return Failure.Refused(NotAPartnerEmployee);
            // R23: the client owns its account; its owner is someone of the client, never the partner employee creating it.
            if (email == EmailAddress.Normalize(me.UserEmail)) return Failure.Invalid([new FieldError(nameof(Command.OwnerEmail), OwnerIsNotYou)]);
            var accountName = request.AccountName.Trim();
            var sent = await founding.OpenForPartnerClientAsync(scope.Account.HubId, scope.Account.Name, new Recipient(me.UserId, me.UserEmail, me.UserName),
                accountName, request.OwnerName.Trim(), email, cancellationToken);
            if (!sent.Succeeded) return sent.AsFailure();
            return sent.Value
                ? $"We emailed {email} a link to take {accountName}. It is made when they open it (within {AccountSignUp.Lifetime.Days} days), with them as its Super Admin; " +
                  "then they approve or decline you as Partner Admin. Until then it waits below as Invited."
                : $"{accountName} was sent to {email} moments ago; it waits below as Invited. Try again in a few minutes to send it once more.";
        }
    }

    public const string NotAPartnerEmployee =
        "Only a partner employee can create a client account: its owner approves you as Partner Admin, as with an access link. Turn on Partner employee for yourself in Users & Teams first.";

    public const string OwnerIsNotYou =
        "Enter the email of the client's owner, not yours: the account belongs to the client, who approves your access.";
}
