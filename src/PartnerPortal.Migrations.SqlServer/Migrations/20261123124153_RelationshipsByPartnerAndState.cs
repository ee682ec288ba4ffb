using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RelationshipsByPartnerAndState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientRelationships_PartnerHubId_State",
                table: "PartnerClientRelationships",
                columns: new[] { "PartnerHubId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartnerClientRelationships_PartnerHubId_State",
                table: "PartnerClientRelationships");
        }
    }
}
