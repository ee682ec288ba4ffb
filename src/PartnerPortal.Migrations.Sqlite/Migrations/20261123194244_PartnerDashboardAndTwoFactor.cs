using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartnerDashboardAndTwoFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresTwoFactor",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_PartnerHubId_ClientHubId_EmployeeUserId",
                table: "Assignments",
                columns: new[] { "PartnerHubId", "ClientHubId", "EmployeeUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_PartnerHubId_ClientHubId_EmployeeUserId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "RequiresTwoFactor",
                table: "Accounts");
        }
    }
}
