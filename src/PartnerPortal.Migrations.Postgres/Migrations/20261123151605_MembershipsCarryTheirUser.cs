using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MembershipsCarryTheirUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UserEmail",
                table: "Memberships",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "Memberships",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The existing memberships take their user's name and email.
            migrationBuilder.Sql("UPDATE \"Memberships\" AS m SET \"UserName\" = u.\"Name\", \"UserEmail\" = u.\"Email\" FROM \"Users\" AS u WHERE u.\"Id\" = m.\"UserId\";");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_AccountHubId_IsPartnerEmployee_UserName_UserId",
                table: "Memberships",
                columns: new[] { "AccountHubId", "IsPartnerEmployee", "UserName", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_AccountHubId_IsPartnerEmployee_UserName_UserId",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "UserEmail",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "UserName",
                table: "Memberships");
        }
    }
}
