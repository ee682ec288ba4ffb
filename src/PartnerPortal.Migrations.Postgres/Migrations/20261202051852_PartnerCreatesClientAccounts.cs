using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartnerCreatesClientAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PartnerHubId",
                table: "AccountSignUps",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountSignUps_PartnerHubId_OpenFor",
                table: "AccountSignUps",
                columns: new[] { "PartnerHubId", "OpenFor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AccountSignUps_PartnerHubId_OpenFor",
                table: "AccountSignUps");

            migrationBuilder.DropColumn(
                name: "PartnerHubId",
                table: "AccountSignUps");
        }
    }
}
