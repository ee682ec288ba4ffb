namespace PartnerPortal.Web.Pages.Profile;

/// <summary>
/// B8: your personal access tokens for the API — each for one account you belong to, with scopes and an expiry (90 days unless
/// you choose, a year at most). The secret is shown once, right after it is made; only its hash is kept. Revoke one at once.
/// </summary>
public class ApiTokensModel(IMediator mediator) : PageModel
{
    [BindProperty] public Create Data { get; set; } = new();

    /// <summary>The scopes ticked on the form (their values), bound apart from <see cref="Data"/>.</summary>
    [BindProperty(Name = "scopes")] public List<ApiScopes> Scopes { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "account")] public long? AccountHubId { get; set; }

    public Model? View { get; private set; }

    /// <summary>The secret of the token just made: shown once.</summary>
    public string? NewSecret { get; private set; }

    public const int MostActive = 50;

    public async Task<IActionResult> OnGetAsync()
    {
        if (AccountHubId is { } account && Data.AccountHubId == 0) Data = Data with { AccountHubId = account };
        return await this.ShowPageAsync(mediator, new Query(), view => View = view);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var command = Data with { Scopes = Scopes.Aggregate(ApiScopes.None, (all, s) => all | s) };
        var result = await mediator.Send(command, ct);
        if (result.Status == ResultStatus.NotFound)
        {
            // The gate found no account of yours with that Hub ID: said beside the field, not as a missing page.
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Create.AccountHubId)}", "You are not a member of an account with that Hub ID.");
            return await OnGetAsync();
        }
        if (!result.Succeeded)
        {
            if (this.FailureResult(result, nameof(Data)) is { } failure) return failure;
            return await OnGetAsync();
        }
        NewSecret = result.Value;
        ModelState.Clear();
        Data = new();
        Scopes = [];
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await mediator.Send(new Revoke(id), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await OnGetAsync();
        this.Flash(result.Value);
        return RedirectToPage();
    }

    public sealed record Row(Guid Id, string Name, long AccountHubId, string AccountName, ApiScopes Scopes, string Hint, DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string State);

    /// <param name="Accounts">Your accounts by name, to choose from — null when you have more than <see cref="ChoiceLimit"/> (then a Hub ID is typed).</param>
    public sealed record Model(IReadOnlyList<Row> Tokens, int Total, DateTimeOffset Now, IReadOnlyList<AccountChoice>? Accounts);

    public sealed record AccountChoice(long HubId, string Name);

    public const int ChoiceLimit = 100;

    /// <summary>Your tokens, newest first (the newest 100 of them; each names its account).</summary>
    [NotAccountScoped("Your own tokens, not an account's.")]
    public sealed record Query : IRequest<Result<Model>>;

    public sealed class QueryHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var mine = db.ApiTokens.AsNoTracking().Where(t => t.UserId == me.UserId);
            var total = await mine.CountAsync(cancellationToken);
            var rows = await mine.OrderByDescending(t => t.CreatedAt).Take(100)
                .Select(t => new
                {
                    t.Id, t.Name, t.AccountHubId,
                    Account = db.Accounts.Where(a => a.HubId == t.AccountHubId).Select(a => a.Name).FirstOrDefault() ?? "",
                    t.Scopes, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt,
                })
                .ToListAsync(cancellationToken);
            var shown = rows.Select(t => new Row(t.Id, t.Name, t.AccountHubId, t.Account, t.Scopes, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt,
                ApiToken.StateOf(t.RevokedAt, t.ExpiresAt, now))).ToList();
            var accounts = await db.Memberships.AsNoTracking().Where(m => m.UserId == me.UserId).OrderBy(m => m.AccountName).ThenBy(m => m.AccountHubId)
                .Take(ChoiceLimit + 1).Select(m => new AccountChoice(m.AccountHubId, m.AccountName)).ToListAsync(cancellationToken);
            return new Model(shown, total, now, accounts.Count > ChoiceLimit ? null : accounts);
        }
    }

    /// <summary>Make a token for an account you belong to (the gate checks that you are a member there).</summary>
    public sealed record Create : ICommand<Result<string>>, IAccountRequest
    {
        public string Name { get; init; } = "";
        public long AccountHubId { get; init; }
        public ApiScopes Scopes { get; init; }
        public int Days { get; init; } = ApiToken.DefaultDays;

        public AccessRequirement Requirement => AccessRequirement.MemberOf(AccountHubId);
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the token, for example after the script that uses it.")
                .MaximumLength(ApiToken.NameLength).WithMessage($"A token's name has at most {ApiToken.NameLength} characters.");
            RuleFor(c => c.AccountHubId).GreaterThan(0).WithMessage("Enter the Hub ID of an account you belong to.");
            RuleFor(c => c.Scopes).Must(ApiToken.AreKnown)
                .WithMessage("Choose at least one scope.");
            RuleFor(c => c.Days).InclusiveBetween(1, ApiToken.MostDays).WithMessage($"A token lasts 1 to {ApiToken.MostDays} days.");
        }
    }

    public sealed class CreateHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Create, Result<string>>
    {
        public async Task<Result<string>> Handle(Create request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await db.ApiTokens.CountAsync(t => t.UserId == me.UserId && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken) >= MostActive)
                return Failure.Refused($"You have {MostActive} active tokens, the most one person may have: revoke one you no longer use first.");
            var (token, secret) = ApiToken.Issue(me.UserId, request.AccountHubId, request.Name, request.Scopes, request.Days, now);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
    }

    /// <summary>Revoke one of your tokens: it stops working on its next request.</summary>
    [NotAccountScoped("Your own token, not an account's.")]
    public sealed record Revoke(Guid Id) : ICommand<Result<string>>;

    public sealed class RevokeHandler(PortalDb db, ICurrentUser me, TimeProvider clock) : IRequestHandler<Revoke, Result<string>>
    {
        public async Task<Result<string>> Handle(Revoke request, CancellationToken cancellationToken)
        {
            // Someone else's token is not found, as a token that does not exist.
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == request.Id && t.UserId == me.UserId, cancellationToken);
            if (token is null) return Failure.NotFound;
            if (!token.Revoke(clock.GetUtcNow())) return $"The token “{token.Name}” was already revoked.";
            await db.SaveChangesAsync(cancellationToken);
            return $"The token “{token.Name}” is revoked: it opens nothing from now on.";
        }
    }
}
