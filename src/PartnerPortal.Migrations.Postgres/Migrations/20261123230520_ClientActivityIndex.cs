using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClientActivityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QualifyingActivities_ClientHubId_UserId_At",
                table: "QualifyingActivities",
                columns: new[] { "ClientHubId", "UserId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QualifyingActivities_ClientHubId_UserId_At",
                table: "QualifyingActivities");
        }
    }
}
