namespace PartnerPortal.Domain;

/// <summary>
/// R26: one bulk file of Partner Access requests as it was processed: who uploaded it, when, the counts, and every row's
/// result as CSV (kept so that the result table can be read again and downloaded; a file holds at most
/// <see cref="MaxRows"/> rows).
/// </summary>
public class PartnerAccessUpload
{
    public const int MaxRows = 5_000;

    private PartnerAccessUpload() { }

    public PartnerAccessUpload(long partnerHubId, Guid uploadedByUserId, string fileName, int submitted, int refused, int invalid, string resultsCsv, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        PartnerHubId = partnerHubId;
        UploadedByUserId = uploadedByUserId;
        var name = Path.GetFileName(fileName ?? "").Trim();
        FileName = name.Length == 0 ? "upload" : name.Length > 200 ? name[..200] : name;
        Submitted = submitted;
        Refused = refused;
        Invalid = invalid;
        ResultsCsv = resultsCsv ?? "";
        At = now;
    }

    public Guid Id { get; private set; }
    public long PartnerHubId { get; private set; }
    public Guid UploadedByUserId { get; private set; }
    public string FileName { get; private set; } = "";
    public int Submitted { get; private set; }
    public int Refused { get; private set; }
    public int Invalid { get; private set; }
    public string ResultsCsv { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
