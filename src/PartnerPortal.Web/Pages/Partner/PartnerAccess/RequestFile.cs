using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace PartnerPortal.Web.Pages.Partner.PartnerAccess;

/// <summary>
/// R26: a bulk file of Partner Access requests — CSV (CsvHelper) or XLSX (ExcelDataReader) — read into its rows, or refused
/// as a whole with a clear message: too large, empty, not CSV or XLSX, unreadable, without the labelled columns, holding a
/// formula, with too many rows, or an XLSX that unpacks to far more than it weighs. A refused file changes nothing.
/// </summary>
public static class RequestFile
{
    public const string HubIdColumn = "Hub ID";
    public const string EmailColumn = "User email";

    /// <summary>A file may weigh this much: 5,000 rows of Hub ID and email take about 250 KB as CSV.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>An XLSX is a zip: unpacked, all its parts together may hold this much (a real one of 5,000 rows holds under 1 MB).</summary>
    public const long MaxUnpackedBytes = 20 * 1024 * 1024;

    private const int MaxParts = 200;

    /// <summary>One data row: its line in the file (the header is line 1), and the two cells as written.</summary>
    public sealed record Row(int Line, string HubId, string Email);

    public sealed record Reading(IReadOnlyList<Row> Rows, string? Refusal)
    {
        public static Reading Refused(string why) => new([], why);
    }

    public static Reading Read(Stream content, string fileName, long length)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (length <= 0) return Reading.Refused("The file is empty: it needs a header row (Hub ID, User email) and one row for each request.");
        if (length > MaxBytes)
            return Reading.Refused($"The file weighs {length / 1024.0 / 1024.0:0.0} MB; a file may weigh at most {MaxBytes / 1024 / 1024} MB ({PartnerAccessUpload.MaxRows:N0} rows). Split it into smaller files.");
        var bytes = new byte[length];
        content.ReadExactly(bytes);
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var isZip = bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;
        try
        {
            return extension switch
            {
                ".xlsx" when isZip => ReadXlsx(bytes),
                ".xlsx" => Reading.Refused("The file is named .xlsx but is not an Excel workbook. Save it again as an Excel workbook (.xlsx) or as CSV."),
                ".csv" or ".txt" when !isZip => ReadCsv(bytes),
                ".csv" or ".txt" => Reading.Refused("The file is named .csv but is not text. Save it again as CSV (comma separated)."),
                _ => Reading.Refused("Upload a .csv or an .xlsx file."),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or CsvHelperException or XmlException or IOException or FormatException
                                       or ExcelDataReader.Exceptions.ExcelReaderException or InvalidOperationException or ArgumentException)
        {
            return Reading.Refused($"The file could not be read as {(extension == ".xlsx" ? "an Excel workbook" : "CSV")}. Check it opens in a spreadsheet, save it again and upload it.");
        }
    }

    private static Reading ReadCsv(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes);
        if (text.Contains('\0', StringComparison.Ordinal)) return Reading.Refused("The file is not text. Save it as CSV (comma separated) and upload it again.");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        return Interpret(Records(csv));

        static IEnumerable<(int Line, string[] Cells)> Records(CsvReader csv)
        {
            while (csv.Read())
                yield return (csv.Parser.RawRow, csv.Parser.Record ?? []);
        }
    }

    private static Reading ReadXlsx(byte[] bytes)
    {
        // Unpacked in full once, counted as it goes, before anything else reads it: a bomb is refused on what it really holds,
        // whatever its directory claims; any formula in a sheet is found on the way.
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            if (zip.Entries.Count > MaxParts) return Bomb();
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = new Bounded(entry.Open(), MaxUnpackedBytes - unpacked);
                var sheet = entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
                bool formula;
                try
                {
                    formula = sheet && HasFormula(part);
                }
                catch (XmlException) when (part.Exceeded)
                {
                    return Bomb();
                }
                if (part.Exceeded) return Bomb();
                if (formula) return Reading.Refused("The workbook holds formulas. Copy the cells and paste them as values only, save, and upload it again.");
                part.CopyTo(Stream.Null);
                if (part.Exceeded) return Bomb();
                unpacked += part.Count;
            }
        }
        using var excel = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        return Interpret(Records(excel));

        static IEnumerable<(int Line, string[] Cells)> Records(IExcelDataReader excel)
        {
            var line = 0;
            while (excel.Read())
            {
                line++;
                var cells = new string[excel.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = Cell(excel.GetValue(i));
                yield return (line, cells);
            }
        }

        static Reading Bomb() => Reading.Refused("The workbook unpacks to far more than a list of Hub IDs and emails holds. Save it again as a plain workbook or as CSV.");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool HasFormula(Stream sheet)
    {
        using var xml = XmlReader.Create(sheet, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false });
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "f") return true;
        }
        return false;
    }

    /// <summary>The header row names the columns (any order, any case, spaces ignored); then one row per request, blank rows skipped.</summary>
    private static Reading Interpret(IEnumerable<(int Line, string[] Cells)> records)
    {
        int? hubColumn = null, emailColumn = null;
        string[]? header = null;
        var rows = new List<Row>();
        foreach (var (line, raw) in records)
        {
            var cells = raw.Select(c => (c ?? "").Trim()).ToArray();
            if (cells.All(c => c.Length == 0)) continue;
            if (cells.FirstOrDefault(IsFormula) is { } formula)
                return Reading.Refused($"Row {line} holds a formula ({Shorten(formula)}). Save the file with values only and upload it again.");
            if (header is null)
            {
                header = cells;
                for (var i = 0; i < cells.Length; i++)
                {
                    var label = Label(cells[i]);
                    if (label == Label(HubIdColumn)) hubColumn ??= i;
                    else if (label == Label(EmailColumn)) emailColumn ??= i;
                }
                if (hubColumn is null || emailColumn is null)
                    return Reading.Refused($"The first row must label the columns \"{HubIdColumn}\" and \"{EmailColumn}\" (in any order); it reads: " +
                        string.Join(", ", cells.Where(c => c.Length > 0).Take(10).Select(c => $"\"{Shorten(c)}\"")) + ". Download the template to start from.");
                continue;
            }
            if (rows.Count == PartnerAccessUpload.MaxRows)
                return Reading.Refused($"The file has more than {PartnerAccessUpload.MaxRows:N0} rows. Split it into files of at most {PartnerAccessUpload.MaxRows:N0} rows.");
            rows.Add(new Row(line, At(cells, hubColumn!.Value), At(cells, emailColumn!.Value)));
        }
        if (header is null) return Reading.Refused("The file is empty: it needs a header row (Hub ID, User email) and one row for each request.");
        return rows.Count == 0 ? Reading.Refused("The file has its header but no rows: add one row for each request.") : new Reading(rows, null);
    }

    private static string At(string[] cells, int i) => i < cells.Length ? Shorten(cells[i], 254) : "";

    private static string Label(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool IsFormula(string cell) => cell.Length > 1 && cell[0] is '=' or '+' or '@' || (cell.Length > 1 && cell[0] == '-' && !char.IsDigit(cell[1]));

    private static string Shorten(string text, int max = 40) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>The CSV template: the header row.</summary>
    public static string CsvTemplate() => $"{HubIdColumn},{EmailColumn}\r\n";

    /// <summary>A minimal workbook: one sheet, the given rows as text cells (the template, and files made by tests).</summary>
    public static byte[] Xlsx(IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Requests" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            var r = 0;
            foreach (var row in rows)
            {
                r++;
                sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{r}\">");
                foreach (var cell in row)
                    sheet.Append("<c t=\"inlineStr\"><is><t>").Append(System.Security.SecurityElement.Escape(cell)).Append("</t></is></c>");
                sheet.Append("</row>");
            }
            sheet.Append("</sheetData></worksheet>");
            Part("xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return buffer.ToArray();
    }

    /// <summary>A read-only stream that stops counting past <paramref name="limit"/> bytes and says so.</summary>
    private sealed class Bounded(Stream inner, long limit) : Stream
    {
        public long Count { get; private set; }
        public bool Exceeded { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Exceeded) return 0;
            var n = inner.Read(buffer, offset, (int)Math.Min(count, limit - Count + 1));
            Count += n;
            if (Count > limit) { Exceeded = true; return 0; }
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
