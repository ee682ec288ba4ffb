using System.Globalization;
using System.Text;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>CSV as spreadsheets read it (RFC 4180), written a row at a time to a stream: nothing is built in memory.</summary>
public static class Csv
{
    /// <summary>One field: quoted when it holds a comma, quote or line break; a leading = + - @ is made inert (a spreadsheet would run it as a formula).</summary>
    public static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Line(params string?[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes <paramref name="rows"/>, a query's, under <paramref name="header"/> as the database reads them, inside the database's
    /// execution strategy: outside it, a retrying strategy (PostgreSQL's) has EF Core read every row into memory before the first
    /// is written. A failure is not retried — the download stops rather than start again half-way.
    /// </summary>
    public static Task WriteAsync<T>(Stream body, IReadOnlyList<string> header, QueryRows<T> rows, Func<T, string?[]> fields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Strategy.ExecuteAsync(async token =>
        {
            try
            {
                await WriteAsync(body, header, rows.Rows, fields, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException("The download stopped before its end.", ex);
            }
        }, ct);
    }

    /// <summary>Writes <paramref name="rows"/> under <paramref name="header"/> as they are read.</summary>
    public static async Task WriteAsync<T>(Stream body, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, string?[]> fields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fields);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line([.. header]));
        await foreach (var row in rows.WithCancellation(ct)) await writer.WriteAsync(Line(fields(row)));
        await writer.FlushAsync(ct);
    }
}

/// <summary>A query's rows to stream, with the execution strategy of the database they come from (<see cref="Csv"/>).</summary>
public sealed record QueryRows<T>(IAsyncEnumerable<T> Rows, Microsoft.EntityFrameworkCore.Storage.IExecutionStrategy Strategy);

public static class QueryRows
{
    public static QueryRows<T> Of<T>(IQueryable<T> query, DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new(query.AsAsyncEnumerable(), db.Database.CreateExecutionStrategy());
    }

    /// <summary>
    /// Rows read a chunk at a time (each chunk one query, retried on its own by the provider's strategy if the connection
    /// drops): with a retrying execution strategy (PostgreSQL, SQL Server) EF Core holds a query's whole result before the
    /// first row, so one query for a million audit entries held them all (1 GB).
    /// </summary>
    public static QueryRows<T> Chunked<T>(IAsyncEnumerable<T> rows, DbContext db) => new(rows, new Microsoft.EntityFrameworkCore.Storage.NonRetryingExecutionStrategy(db));

    public static QueryRows<T> None<T>(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new(AsyncEnumerable.Empty<T>(), db.Database.CreateExecutionStrategy());
    }
}
