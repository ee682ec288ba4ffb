using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Whether the app (or a test through the app's services) has sent anything but a read since the database was last put
/// back: a test that only read leaves the seeded world as it found it, so the next test need not copy it again. Every
/// statement of the app goes through its one <c>PortalDb</c>, where this interceptor sits; a statement counts as a read only
/// when it plainly is one (a SELECT that draws no sequence number, or a PRAGMA/SET/SHOW), so anything else — an INSERT, an
/// UPDATE, a CTE, DDL — marks the database changed.
/// </summary>
public sealed class WriteWatch : CommandObserver
{
    private volatile bool _wrote;

    public bool Wrote => _wrote;

    /// <summary>The first statement that changed the database since it was last put back, for a test's failure message.</summary>
    public string? FirstWrite { get; private set; }

    public void Forget()
    {
        _wrote = false;
        FirstWrite = null;
    }

    /// <summary>Whether every statement of <paramref name="sql"/> is plainly a read (a literal holding ';' errs towards changed).</summary>
    public static bool IsRead(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsReadStatement);
    }

    private static bool IsReadStatement(string statement)
    {
        var text = statement;
        while (text.StartsWith("--", StringComparison.Ordinal)) // EF's tags come first, as comments
        {
            var end = text.IndexOf('\n', StringComparison.Ordinal);
            text = end < 0 ? "" : text[(end + 1)..].TrimStart();
        }
        if (text.Length == 0) return true;
        string[] reads = ["SELECT", "PRAGMA", "SET ", "SHOW "];
        return reads.Any(r => text.StartsWith(r, StringComparison.OrdinalIgnoreCase))
            && !text.Contains("nextval(", StringComparison.OrdinalIgnoreCase) && !text.Contains("setval(", StringComparison.OrdinalIgnoreCase);
    }

    protected override void See(DbCommand command)
    {
        if (_wrote || IsRead(command.CommandText)) return;
        FirstWrite = command.CommandText;
        _wrote = true;
    }
}
