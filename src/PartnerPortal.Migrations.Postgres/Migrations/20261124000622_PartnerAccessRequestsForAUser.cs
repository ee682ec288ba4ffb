using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartnerAccessRequestsForAUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartnerAccessRequests_ClientHubId",
                table: "PartnerAccessRequests");

            migrationBuilder.AddColumn<Guid>(
                name: "ForUserId",
                table: "PartnerAccessRequests",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "PartnerAccessRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessRequests_ClientHubId_ForUserId_State",
                table: "PartnerAccessRequests",
                columns: new[] { "ClientHubId", "ForUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessRequests_State_DecisionDueOn",
                table: "PartnerAccessRequests",
                columns: new[] { "State", "DecisionDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PartnerAccessRequests_ClientHubId_ForUserId_State",
                table: "PartnerAccessRequests");

            migrationBuilder.DropIndex(
                name: "IX_PartnerAccessRequests_State_DecisionDueOn",
                table: "PartnerAccessRequests");

            migrationBuilder.DropColumn(
                name: "ForUserId",
                table: "PartnerAccessRequests");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "PartnerAccessRequests");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessRequests_ClientHubId",
                table: "PartnerAccessRequests",
                column: "ClientHubId");
        }
    }
}
