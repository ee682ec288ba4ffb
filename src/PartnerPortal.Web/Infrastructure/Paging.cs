namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Where a paged list is: page <see cref="Page"/> of <see cref="PageSize"/> rows out of <see cref="Total"/>, or, when
/// <see cref="More"/>, out of more than <see cref="Total"/> (the count stopped there).
/// </summary>
public sealed record Paging(int Page, int PageSize, int Total, bool More = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int First => Total == 0 ? 0 : Skip + 1;
    public int Last => Math.Min(Total, Page * PageSize);
    public int Skip => (Page - 1) * PageSize;
    public bool HasNext => More || Page < PageCount;

    /// <summary>The rows a page of a list may hold (the <c>size</c> in its address); the Clients and Employees tabs alike.</summary>
    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50, 100];

    public const int DefaultSize = 25;

    /// <summary>
    /// How far past a page's first row <see cref="CountAheadAsync{T}"/> counts: enough for the pager to tell the next
    /// pages, and a count whose cost does not grow with the list.
    /// </summary>
    public const int CountAhead = 200;

    public static string SizesMessage(string many) => $"Show {string.Join(", ", Sizes)} {many} per page.";

    /// <summary>
    /// Counts every row of a list whose count the database reads from an index alone. A page past the end is the last page.
    /// </summary>
    public static async Task<Paging> CountAsync<T>(IQueryable<T> rows, int page, int pageSize, CancellationToken ct) =>
        Within(page, pageSize, await rows.CountAsync(ct));

    /// <summary>
    /// Counts a list's rows only up to <see cref="CountAhead"/> past the page's first row, for lists whose every row costs a
    /// check to count (an agency's admin sees a thousand clients): beyond that the pager says "more than". Asking for a
    /// page far past the end counts to its start, and shows the last page.
    /// </summary>
    public static async Task<Paging> CountAheadAsync<T>(IQueryable<T> rows, int page, int pageSize, CancellationToken ct)
    {
        var limit = (int)Math.Min(int.MaxValue - 1, ((long)Math.Max(1, page) - 1) * pageSize + CountAhead);
        var counted = await rows.Take(limit + 1).CountAsync(ct);
        return counted > limit ? new Paging(page, pageSize, limit, More: true) : Within(page, pageSize, counted);
    }

    /// <summary>A page of a list whose total is known already (counted with other figures in one statement).</summary>
    public static Paging Of(int page, int pageSize, int total) => Within(page, pageSize, total);

    private static Paging Within(int page, int pageSize, int total) =>
        new(Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize)), pageSize, total);
}

/// <summary>What the pager under a list shows: "Showing 1–25 of 300 clients", Previous, Page 1 of 12, Next.</summary>
/// <param name="Link">The address of a page of the same list (same filters).</param>
public sealed record Pager(Paging Paging, string Label, string One, string Many, Func<int, string> Link, string TestId);

/// <summary>The one rule of a page number in an address.</summary>
public static class PagingRules
{
    /// <summary>Pages are numbered from 1; a page past the end of a list shows its last page (<see cref="Paging"/>), however far.</summary>
    public static IRuleBuilderOptions<T, int> IsPageNumber<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(1).WithMessage("Pages are numbered from 1.");

    /// <summary>The one rule of a page size in an address: one of <see cref="Paging.Sizes"/>; <paramref name="many"/> names the rows ("users").</summary>
    public static IRuleBuilderOptions<T, int> IsPageSize<T>(this IRuleBuilder<T, int> rule, string many) =>
        rule.Must(s => Paging.Sizes.Contains(s)).WithMessage(Paging.SizesMessage(many));

    /// <summary>The one rule of a list's search box: up to 100 characters of <paramref name="what"/> ("a name or email").</summary>
    public static IRuleBuilderOptions<T, string?> IsSearch<T>(this IRuleBuilder<T, string?> rule, string what) =>
        rule.MaximumLength(100).WithMessage($"Search by up to 100 characters of {what}.");

    /// <summary>B3: the one rule of an end date typed in a form: a day before 2100 (after today is the domain's rule), or none.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> IsEndDay<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(PartnerPortal.Domain.AccessEnd.IsReasonable).WithMessage(PartnerPortal.Domain.AccessEnd.TooFar);

    /// <summary>The rows before page <paramref name="page"/> of a list without a count, kept within range however far the page.</summary>
    public static int SkipFor(int page, int pageSize) => (int)Math.Min(int.MaxValue, ((long)Math.Max(1, page) - 1) * pageSize);
}
