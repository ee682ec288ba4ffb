using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerPortal.Data;

/// <summary>
/// A trigram index of the accounts' names, so that "name contains" finds the few accounts that match among many without
/// reading every name. SQLite: an FTS5 table with the trigram tokenizer over <c>Accounts</c> (external content, kept up to
/// date by triggers). PostgreSQL: a pg_trgm GIN index on <c>Accounts.Name</c>, which the planner uses for ILIKE by itself.
/// SQL Server: none (a contains is a scan there).
/// </summary>
/// <remarks>
/// On SQLite, a migration that rebuilds the <c>Accounts</c> table (EF Core does for some column changes) drops the
/// triggers with it: such a migration must call <see cref="CreateSqlite"/> again. The search tests find a renamed and a new
/// account, so a lost trigger fails them.
/// </remarks>
public static class AccountNameSearch
{
    public const string SqliteTable = "AccountNameSearch";

    /// <summary>Trigrams need three characters: a shorter search is compared with every name.</summary>
    public const int MinimumLength = 3;

    /// <summary>
    /// On SQLite, the Hub IDs of the accounts whose name may contain <paramref name="text"/> (a superset: the trigram index
    /// folds the case of every letter, where LIKE folds only ASCII); null on other databases or for a text under
    /// <see cref="MinimumLength"/> characters. Callers still compare the name itself.
    /// </summary>
    public static IQueryable<long>? SqliteCandidates(PortalDb db, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(text);
        if (!db.Database.IsSqlite() || text.EnumerateRunes().Count() < MinimumLength) return null;
        // One FTS5 phrase: its trigrams in sequence, i.e. the text as a substring. Quotes are doubled inside the phrase,
        // and the whole phrase is a parameter.
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"AccountNameSearch\" WHERE \"AccountNameSearch\" MATCH {phrase}");
    }

    /// <summary>The SQLite FTS5 table, filled from the existing accounts, and the triggers that keep it in step.</summary>
    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE IF NOT EXISTS "AccountNameSearch" USING fts5("Name", content='Accounts', content_rowid='HubId', tokenize='trigram');
            INSERT INTO "AccountNameSearch"("AccountNameSearch") VALUES ('rebuild');
            DROP TRIGGER IF EXISTS "AccountNameSearch_Insert";
            DROP TRIGGER IF EXISTS "AccountNameSearch_Delete";
            DROP TRIGGER IF EXISTS "AccountNameSearch_Rename";
            CREATE TRIGGER "AccountNameSearch_Insert" AFTER INSERT ON "Accounts" BEGIN
                INSERT INTO "AccountNameSearch"(rowid, "Name") VALUES (new."HubId", new."Name");
            END;
            CREATE TRIGGER "AccountNameSearch_Delete" AFTER DELETE ON "Accounts" BEGIN
                INSERT INTO "AccountNameSearch"("AccountNameSearch", rowid, "Name") VALUES ('delete', old."HubId", old."Name");
            END;
            CREATE TRIGGER "AccountNameSearch_Rename" AFTER UPDATE OF "Name" ON "Accounts" BEGIN
                INSERT INTO "AccountNameSearch"("AccountNameSearch", rowid, "Name") VALUES ('delete', old."HubId", old."Name");
                INSERT INTO "AccountNameSearch"(rowid, "Name") VALUES (new."HubId", new."Name");
            END;
            """);
    }

    public static void DropSqlite(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS "AccountNameSearch_Insert";
            DROP TRIGGER IF EXISTS "AccountNameSearch_Delete";
            DROP TRIGGER IF EXISTS "AccountNameSearch_Rename";
            DROP TABLE IF EXISTS "AccountNameSearch";
            """);
    }

    /// <summary>pg_trgm (a trusted extension: the database's owner may create it) and its GIN index on the names.</summary>
    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX IF NOT EXISTS "IX_Accounts_Name_Trigram" ON "Accounts" USING gin ("Name" gin_trgm_ops);
            """);
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Accounts_Name_Trigram";""");
    }
}
