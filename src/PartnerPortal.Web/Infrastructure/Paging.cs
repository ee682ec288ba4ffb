namespace PartnerPortal.Web.Infrastructure;

/// <summary>Where a paged list is: page <see cref="Page"/> of <see cref="PageSize"/> rows out of <see cref="Total"/>.</summary>
public sealed record Paging(int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int First => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;
    public int Last => Math.Min(Total, Page * PageSize);
    public int Skip => (Page - 1) * PageSize;

    /// <summary>The rows a page of a list may hold (the <c>size</c> in its address); the Clients and Employees tabs alike.</summary>
    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50, 100];

    public const int DefaultSize = 25;

    public static string SizesMessage(string many) => $"Show {string.Join(", ", Sizes)} {many} per page.";
}

/// <summary>What the pager under a list shows: "Showing 1–25 of 300 clients", Previous, Page 1 of 12, Next.</summary>
/// <param name="Link">The address of a page of the same list (same filters).</param>
public sealed record Pager(Paging Paging, string Label, string One, string Many, Func<int, string> Link, string TestId);
