namespace PartnerPortal.Web.Pages.Notifications;

/// <summary>
/// B6: which kinds of notification also come by email. Every kind is always in the app; security-relevant ones (access
/// granted, revoked, expiring or expired) are always emailed and cannot be turned off.
/// </summary>
public class PreferencesModel(IMediator mediator) : PageModel
{
    [BindProperty(Name = "email")] public List<NotificationKind> Emailed { get; set; } = [];

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => this.ShowPageAsync(mediator, new Query(), view => View = view);

    public Task<IActionResult> OnPostAsync() =>
        this.SubmitAsync(mediator, new Save(Emailed), this.FlashThen(() => RedirectToPage()), OnGetAsync);

    [NotAccountScoped("Your own email preferences.")]
    public sealed record Query : IRequest<Result<Model>>;

    public sealed record Choice(NotificationKind Kind, string Name, bool Emailed, bool Security);

    public sealed record Model(IReadOnlyList<Choice> Choices);

    public sealed class QueryHandler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var off = await db.DomainUsers.AsNoTracking().Where(u => u.Id == me.UserId).Select(u => (int?)u.EmailsOff).SingleOrDefaultAsync(cancellationToken);
            if (off is null) return Failure.NotFound;
            return new Model(NotificationKinds.All
                .Select(k => new Choice(k, NotificationKinds.Name(k), Domain.User.Emails(off.Value, k), NotificationKinds.IsSecurity(k))).ToList());
        }
    }

    /// <param name="Emailed">The kinds to receive by email too; a kind not named is turned off (unless it is security-relevant).</param>
    [NotAccountScoped("Your own email preferences.")]
    public sealed record Save(IReadOnlyList<NotificationKind> Emailed) : ICommand<Result<string>>;

    public sealed class SaveValidator : AbstractValidator<Save>
    {
        public SaveValidator() => RuleForEach(s => s.Emailed).IsInEnum().WithMessage("Choose among the kinds listed.");
    }

    public sealed class SaveHandler(PortalDb db, ICurrentUser me) : IRequestHandler<Save, Result<string>>
    {
        public async Task<Result<string>> Handle(Save request, CancellationToken cancellationToken)
        {
            var user = await db.DomainUsers.SingleOrDefaultAsync(u => u.Id == me.UserId, cancellationToken);
            if (user is null) return Failure.NotFound;
            if (!user.ChooseEmails(request.Emailed)) return "Your email preferences are unchanged.";
            await db.SaveChangesAsync(cancellationToken);
            return "Your email preferences are saved. Security notices (access granted, revoked, expiring) are always emailed.";
        }
    }
}
