using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MembershipsInNameOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountKind",
                table: "Memberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccountName",
                table: "Memberships",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The memberships there are already get their account's name and kind.
            migrationBuilder.Sql("UPDATE \"Memberships\" SET \"AccountName\" = (SELECT a.\"Name\" FROM \"Accounts\" AS a WHERE a.\"HubId\" = \"Memberships\".\"AccountHubId\"), \"AccountKind\" = (SELECT a.\"Kind\" FROM \"Accounts\" AS a WHERE a.\"HubId\" = \"Memberships\".\"AccountHubId\");");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId_AccountName_AccountHubId_AccountKind_AccessType_Id",
                table: "Memberships",
                columns: new[] { "UserId", "AccountName", "AccountHubId", "AccountKind", "AccessType", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_UserId_AccountName_AccountHubId_AccountKind_AccessType_Id",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "AccountKind",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "AccountName",
                table: "Memberships");
        }
    }
}
