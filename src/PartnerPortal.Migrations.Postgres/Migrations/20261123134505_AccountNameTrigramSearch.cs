using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPortal.Data;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccountNameTrigramSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            AccountNameSearch.CreatePostgres(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AccountNameSearch.DropPostgres(migrationBuilder);
        }
    }
}
