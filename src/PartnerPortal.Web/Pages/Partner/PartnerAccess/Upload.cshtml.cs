using System.Text;
using PartnerPortal.Web.Pages.Partner.Dashboard;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>
/// R26: many requests at once from a CSV or XLSX file with the labelled columns Hub ID and User email (any order, any case;
/// a template to download). The file is judged as a whole first — a file refused as a whole changes nothing — then every
/// row gets its own result, kept with the upload to read again and download as CSV.
/// </summary>
public class UploadModel(IMediator mediator) : PageModel
{
    public Model? View { get; private set; }

    public Task<IActionResult> OnGetAsync(long hubId) => ShowAsync(hubId);

    /// <summary>The template to fill in: <c>format=xlsx</c> for a workbook, otherwise CSV.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(long hubId, string? format)
    {
        var allowed = await mediator.Send(new Query(hubId), HttpContext.RequestAborted);
        if (!allowed.Succeeded) return this.Refusal(allowed);
        return string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
            ? File(RequestFile.Xlsx([[RequestFile.HubIdColumn, RequestFile.EmailColumn]]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "partner-access-requests.xlsx")
            : File(Encoding.UTF8.GetBytes(RequestFile.CsvTemplate()), "text/csv", "partner-access-requests.csv");
    }

    public async Task<IActionResult> OnPostAsync(long hubId, IFormFile? file)
    {
        // Whoever may not upload is refused before their file is read.
        var allowed = await mediator.Send(new Query(hubId), HttpContext.RequestAborted);
        if (!allowed.Succeeded) return this.Refusal(allowed);
        RequestFile.Reading reading;
        string name;
        if (file is null)
        {
            reading = RequestFile.Reading.Refused("Choose a CSV or XLSX file to upload.");
            name = "";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            reading = RequestFile.Read(stream, file.FileName, file.Length);
            name = file.FileName;
        }
        return await this.SubmitAsync(mediator, new Command(hubId, name, reading),
            uploadId => RedirectToPage("/Partner/PartnerAccess/UploadResult", new { hubId, uploadId }), () => ShowAsync(hubId));
    }

    private Task<IActionResult> ShowAsync(long hubId) => this.ShowPageAsync(mediator, new Query(hubId), view => View = view);

    public sealed record Query(long HubId) : IRequest<Result<Model>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed record Model(DashboardHeader Header);

    public sealed class QueryHandler(AccessScope scope) : IRequestHandler<Query, Result<Model>>
    {
        public Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<Result<Model>>(new Model(DashboardHeader.For(scope.Account, DashboardHeader.PartnerAccess)));
    }

    /// <param name="File">The file as read: its rows, or why it is refused as a whole.</param>
    public sealed record Command(long HubId, string FileName, RequestFile.Reading File) : ICommand<Result<Guid>>, IAccountRequest
    {
        public AccessRequirement Requirement => AccessRequirement.InPartner(HubId, Right.ClientAccessManager);
    }

    public sealed class CommandHandler(PortalDb db, AccessScope scope, Submissions submissions, TimeProvider clock) : IRequestHandler<Command, Result<Guid>>
    {
        public async Task<Result<Guid>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.File.Refusal is { } refusal) return Failure.Refused(refusal);
            var me = scope.Account.Membership.UserId;
            var results = await submissions.JudgeAsync(request.HubId, scope.Account.Name, me, request.File.Rows, checkOnly: false, cancellationToken);
            var csv = new StringBuilder(Csv.Line(UploadResultModel.Header));
            foreach (var r in results) csv.Append(Csv.Line(UploadResultModel.Fields(r)));
            var upload = new PartnerAccessUpload(request.HubId, me, request.FileName,
                results.Count(r => r.Verdict == Submissions.Verdict.Submitted), results.Count(r => r.Verdict == Submissions.Verdict.Refused),
                results.Count(r => r.Verdict == Submissions.Verdict.Invalid), csv.ToString(), clock.GetUtcNow());
            db.PartnerAccessUploads.Add(upload);
            await db.SaveChangesAsync(cancellationToken);
            return upload.Id;
        }
    }
}
