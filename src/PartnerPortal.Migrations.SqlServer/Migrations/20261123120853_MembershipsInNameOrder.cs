using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccountName",
                table: "Memberships",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The memberships there are already get their account's name and kind.
            migrationBuilder.Sql("UPDATE m SET m.[AccountName] = a.[Name], m.[AccountKind] = a.[Kind] FROM [Memberships] AS m INNER JOIN [Accounts] AS a ON a.[HubId] = m.[AccountHubId];");

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
