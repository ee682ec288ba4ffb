using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PartnerPortal.Data;

/// <summary>
/// Rows that need not be read back after they are written (audit entries, Partner Access requests, queued emails): the ones added
/// to the context go to the database in one INSERT (up to <see cref="MaxRowsPerStatement"/> rows a statement) instead of
/// one INSERT … RETURNING a row. Their database-generated keys are not read back, so they leave the context.
/// Column names, conversions and parameter types come from the EF model, as they would for SaveChanges.
/// On SQLite the rows travel as one JSON parameter read with <c>json_each</c>, as EF Core itself passes a list of
/// values there: Microsoft.Data.Sqlite finds each parameter of a statement by name with a linear search, so a
/// statement of 9,000 parameters took over a second to bind; one parameter takes none.
/// </summary>
public static class AppendOnly
{
    /// <summary>Rows in one INSERT at most on SQL Server (its limit for a VALUES list).</summary>
    public const int MaxRowsPerStatement = 1000;

    public static async Task<int> InsertAddedAsync<TEntity>(this DbContext db, CancellationToken ct) where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var added = db.ChangeTracker.Entries<TEntity>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0) return 0;

        var entityType = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        // Everything but what the database generates (the identity key, which EF holds as a temporary value meanwhile).
        var properties = entityType.GetProperties().Where(p => !added[0].Property(p.Name).IsTemporary).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        // As many rows a statement as the database takes: SQL Server's VALUES list holds 1,000, PostgreSQL's statement 65,535
        // parameters, and SQLite's one JSON parameter any number (so that a bulk change's entries are one statement there).
        var isSqlServer = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
        var rowsPerStatement = Math.Max(1, Math.Min(isSqlServer ? MaxRowsPerStatement : int.MaxValue, ParameterLimit(db) / properties.Count));

        if (db.Database.IsSqlite())
        {
            await InsertAsJsonAsync(db, sql, table, columns, properties, [.. added], ct);
            foreach (var entry in added) entry.State = EntityState.Detached;
            return added.Count;
        }

        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var rows in added.Chunk(rowsPerStatement))
        {
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
                .Append(" (").Append(columns).Append(") VALUES ");
            var parameters = new List<DbParameter>(rows.Length * properties.Count);
            for (var r = 0; r < rows.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Count; c++)
                {
                    var name = "p" + parameters.Count;
                    var property = properties[c];
                    parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, rows[r].Property(property.Name).CurrentValue, property.IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }
                text.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, ct);
        }
        foreach (var entry in added) entry.State = EntityState.Detached;
        return added.Count;
    }

    private static async Task InsertAsJsonAsync<TEntity>(DbContext db, ISqlGenerationHelper sql, StoreObjectIdentifier table, string columns,
        List<IProperty> properties, EntityEntry<TEntity>[] rows, CancellationToken ct) where TEntity : class
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var property in properties)
                {
                    var value = row.Property(property.Name).CurrentValue;
                    var converter = property.GetTypeMapping().Converter;
                    if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
                    switch (value)
                    {
                        case null: writer.WriteNullValue(); break;
                        case string s: writer.WriteStringValue(s); break;
                        case long number: writer.WriteNumberValue(number); break;
                        case int number: writer.WriteNumberValue(number); break;
                        case bool flag: writer.WriteNumberValue(flag ? 1 : 0); break;
                        // As Microsoft.Data.Sqlite binds a Guid (TEXT, upper case), so that queries comparing with one find it.
                        case Guid id: writer.WriteStringValue(id.ToString().ToUpperInvariant()); break;
                        // As Microsoft.Data.Sqlite binds a DateOnly (TEXT, ISO 8601).
                        case DateOnly day: writer.WriteStringValue(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
                        default: throw new NotSupportedException($"{typeof(TEntity).Name}.{property.Name}: {value.GetType().Name} values are not written this way.");
                    }
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        var values = string.Join(", ", properties.Select((_, i) => $"json_extract(value, '$[{i}]')"));
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) SELECT {values} FROM json_each({sql.GenerateParameterNamePlaceholder("rows")}) ORDER BY key";
        await db.Database.ExecuteSqlRawAsync(text, [new SqliteParameter("rows", Encoding.UTF8.GetString(json.WrittenSpan))], ct);
    }

    /// <summary>The parameters one statement may carry, with room to spare: SQL Server 2,100; PostgreSQL 65,535.</summary>
    private static int ParameterLimit(DbContext db) => db.Database.ProviderName switch
    {
        "Microsoft.EntityFrameworkCore.SqlServer" => 2000,
        _ => 65000,
    };
}
