using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AccountsByKindAndName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Kind_Name",
                table: "Accounts",
                columns: new[] { "Kind", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_Kind_Name",
                table: "Accounts");
        }
    }
}
