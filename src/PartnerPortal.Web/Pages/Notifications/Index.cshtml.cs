namespace PartnerPortal.Web.Pages.Notifications;

/// <summary>
/// B6: your notifications — every email the rules sent you, newest first, unread ones marked; opening one marks it read and
/// takes you to the thing concerned; mark all as read. Keyset paging: a page costs the same however many you have.
/// </summary>
public class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Keyset paging: the page starts below this notification.</summary>
    [BindProperty(SupportsGet = true, Name = "before")] public long? Before { get; set; }

    [BindProperty(SupportsGet = true, Name = "unread")] public bool UnreadOnly { get; set; }

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync() => this.ShowListAsync(mediator, new Query(Before, UnreadOnly), new Query(), view => View = view);

    /// <summary>Open: marks it read and goes to the page it is about (or back to the list when it links nowhere).</summary>
    public async Task<IActionResult> OnPostOpenAsync([FromForm(Name = "id")] long id, CancellationToken ct)
    {
        var result = await mediator.Send(new Open(id), ct);
        if (this.FailureResult(result) is { } failure) return failure;
        if (!result.Succeeded) return await OnGetAsync();
        return result.Value is { } link ? LocalRedirect(link) : RedirectToPage(new { unread = UnreadOnly ? "true" : null });
    }

    public Task<IActionResult> OnPostReadAllAsync() =>
        this.SubmitAsync(mediator, new ReadAll(), this.FlashThen(() => RedirectToPage()), OnGetAsync);

    [NotAccountScoped("Your own notifications: the signed-in user's, whatever account they are about.")]
    public sealed record Query(long? Before = null, bool UnreadOnly = false) : IRequest<Result<Model>>
    {
        public const int PageSize = 25;
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Before).GreaterThan(0).When(q => q.Before is not null).WithMessage("That page of your notifications does not exist.");
    }

    public sealed record Row(long Id, NotificationKind Kind, string Title, string Body, string? Link, DateTimeOffset At, bool Read);

    /// <param name="Next">The notification the next page starts below, when there is one.</param>
    public sealed record Model(IReadOnlyList<Row> Rows, long? Next, bool First, bool UnreadOnly, int Unread);

    public sealed class QueryHandler(PortalDb db, ICurrentUser me) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me.UserId);
            if (request.UnreadOnly) mine = mine.Where(n => n.ReadAt == null);
            if (request.Before is { } before) mine = mine.Where(n => n.Id < before);
            var rows = await mine.OrderByDescending(n => n.Id).Take(Query.PageSize + 1)
                .Select(n => new Row(n.Id, n.Kind, n.Title, n.Body, n.Link, n.At, n.ReadAt != null)).ToListAsync(cancellationToken);
            var more = rows.Count > Query.PageSize;
            var shown = rows.Take(Query.PageSize).ToList();
            var unread = await db.Notifications.Where(n => n.UserId == me.UserId && n.ReadAt == null).Take(UnreadCap + 1).CountAsync(cancellationToken);
            return new Model(shown, more ? shown[^1].Id : null, request.Before is null, request.UnreadOnly, unread);
        }
    }

    /// <summary>Marks one of your notifications read; answers where it links. Another user's notification is not found.</summary>
    [NotAccountScoped("Your own notification: found only among the signed-in user's.")]
    public sealed record Open(long Id) : ICommand<Result<string?>>;

    public sealed class OpenHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Open, Result<string?>>
    {
        public async Task<Result<string?>> Handle(Open request, CancellationToken cancellationToken)
        {
            var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.Id && n.UserId == me.UserId, cancellationToken);
            if (notification is null) return Failure.NotFound;
            notification.MarkRead(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return notification.Link;
        }
    }

    /// <summary>Marks every unread notification of yours read, in one statement.</summary>
    [NotAccountScoped("Your own notifications.")]
    public sealed record ReadAll : ICommand<Result<string>>;

    public sealed class ReadAllHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<ReadAll, Result<string>>
    {
        public async Task<Result<string>> Handle(ReadAll request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var count = await db.Notifications.Where(n => n.UserId == me.UserId && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
            return count switch
            {
                0 => "You have no unread notifications.",
                1 => "1 notification marked as read.",
                _ => $"{count} notifications marked as read.",
            };
        }
    }

    /// <summary>The bell counts up to this many, then shows "99+".</summary>
    public const int UnreadCap = 99;

    /// <summary>Where the session's check leaves the signed-in user's unread count for the bell.</summary>
    public const string UnreadKey = "Notifications.Unread";
}
