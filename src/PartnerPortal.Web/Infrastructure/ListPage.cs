namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// A list page with a search box and a pager (the Clients and Employees tabs, both Users &amp; Teams): the three values it
/// binds from the query string, <c>q</c>, <c>p</c> and <c>size</c>, as the <c>_Pager</c> partial and the search forms write them.
/// </summary>
public abstract class ListPageModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "size")] public int PageSize { get; set; } = Paging.DefaultSize;
}

/// <summary>The query behind a <see cref="ListPageModel"/>: what was searched and which page of which size.</summary>
public interface IListQuery
{
    string? Search { get; }

    int Page { get; }

    int PageSize { get; }
}

/// <summary>A list query's search and pager, checked the same way on every list page; a page adds the rules of its own filters.</summary>
public abstract class ListQueryValidator<T> : AbstractValidator<T> where T : IListQuery
{
    /// <param name="searchedBy">What the search box matches ("a name or email").</param>
    /// <param name="rows">What the rows are, for the page size's message ("users").</param>
    protected ListQueryValidator(string searchedBy, string rows)
    {
        RuleFor(q => q.Search).IsSearch(searchedBy);
        RuleFor(q => q.Page).IsPageNumber();
        RuleFor(q => q.PageSize).IsPageSize(rows);
    }
}
