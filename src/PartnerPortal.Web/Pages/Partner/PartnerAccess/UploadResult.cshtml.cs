using System.Globalization;
using System.Text;
using CsvHelper;
using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>R26: a bulk file's result, row by row (paged), and the same as CSV to download.</summary>
public class UploadResultModel(IMediator mediator) : PageModel
{
    public static readonly string[] Header = ["Row", RequestFile.HubIdColumn, RequestFile.EmailColumn, "Result", "Details"];

    public static string?[] Fields(Submissions.RowResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [r.Line.ToString(CultureInfo.InvariantCulture), r.HubId, r.Email, r.VerdictText, r.Detail];
    }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId, Guid uploadId) =>
        this.ShowListAsync(mediator, new Query(hubId, uploadId, PageNumber), new Query(hubId, uploadId), view => View = view);

    public async Task<IActionResult> OnGetCsvAsync(long hubId, Guid uploadId)
    {
        var result = await mediator.Send(new Query(hubId, uploadId), HttpContext.RequestAborted);
        if (!result.Succeeded) return this.Refusal(result);
        return File(Encoding.UTF8.GetBytes(result.Value.Csv), "text/csv", $"partner-access-results-{result.Value.At.UtcDateTime:yyyyMMdd-HHmm}.csv");
    }

    public sealed record Query(long HubId, Guid UploadId, int Page = 1) : IRequest<Result<Model>>, IAccountRequest
    {
        public const int PageSize = 100;

        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Page).IsPageNumber();
    }

    public sealed record Line(string Row, string HubId, string Email, string Result, string Details);

    public sealed record Model(DashboardHeader Header, Guid Id, string FileName, DateTimeOffset At, int Submitted, int Refused, int Invalid,
        IReadOnlyList<Line> Lines, Paging Paging, string Csv);

    public sealed class QueryHandler(PortalDb db, AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            // Another partner's upload is not found.
            var upload = await db.PartnerAccessUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UploadId && u.PartnerHubId == request.HubId, cancellationToken);
            if (upload is null) return Failure.NotFound;
            var total = upload.Submitted + upload.Refused + upload.Invalid;
            var paging = Paging.Of(request.Page, Query.PageSize, total);
            var lines = new List<Line>(Query.PageSize);
            using (var reader = new CsvReader(new StringReader(upload.ResultsCsv), CultureInfo.InvariantCulture))
            {
                reader.Read(); // the header
                var index = 0;
                while (reader.Read() && lines.Count < Query.PageSize)
                {
                    if (index++ < paging.Skip) continue;
                    lines.Add(new Line(reader.GetField(0) ?? "", Unguard(reader.GetField(1)), Unguard(reader.GetField(2)), reader.GetField(3) ?? "", reader.GetField(4) ?? ""));
                }
            }
            return new Model(DashboardHeader.For(scope.Account, DashboardHeader.PartnerAccess), upload.Id, upload.FileName, upload.At,
                upload.Submitted, upload.Refused, upload.Invalid, lines, paging, upload.ResultsCsv);
        }

        /// <summary>The cell as written in the file (the CSV keeps a leading quote that makes a spreadsheet show it as text).</summary>
        private static string Unguard(string? field) => field is ['\'', var c, ..] && c is '=' or '+' or '-' or '@' or '\t' or '\r' ? field[1..] : field ?? "";
    }
}
