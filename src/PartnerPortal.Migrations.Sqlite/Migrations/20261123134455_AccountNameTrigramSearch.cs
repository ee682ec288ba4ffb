using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPortal.Data;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountNameTrigramSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            AccountNameSearch.CreateSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AccountNameSearch.DropSqlite(migrationBuilder);
        }
    }
}
