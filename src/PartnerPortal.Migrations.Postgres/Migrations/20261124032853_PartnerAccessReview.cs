using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PartnerAccessReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsPartnerAccessReviewer",
                table: "Users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OpenFor",
                table: "PartnerAccessRequests",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PartnerAccessSince",
                table: "Memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ChannelConsultantUserId",
                table: "Accounts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerAccessUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerHubId = table.Column<long>(type: "bigint", nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Submitted = table.Column<int>(type: "integer", nullable: false),
                    Refused = table.Column<int>(type: "integer", nullable: false),
                    Invalid = table.Column<int>(type: "integer", nullable: false),
                    ResultsCsv = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerAccessUploads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerAccessUploads_Accounts_PartnerHubId",
                        column: x => x.PartnerHubId,
                        principalTable: "Accounts",
                        principalColumn: "HubId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessRequests_OpenFor",
                table: "PartnerAccessRequests",
                column: "OpenFor",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessRequests_PartnerHubId_SubmittedAt",
                table: "PartnerAccessRequests",
                columns: new[] { "PartnerHubId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAccessUploads_PartnerHubId_At",
                table: "PartnerAccessUploads",
                columns: new[] { "PartnerHubId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerAccessUploads");

            migrationBuilder.DropIndex(
                name: "IX_PartnerAccessRequests_OpenFor",
                table: "PartnerAccessRequests");

            migrationBuilder.DropIndex(
                name: "IX_PartnerAccessRequests_PartnerHubId_SubmittedAt",
                table: "PartnerAccessRequests");

            migrationBuilder.DropColumn(
                name: "IsPartnerAccessReviewer",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "OpenFor",
                table: "PartnerAccessRequests");

            migrationBuilder.DropColumn(
                name: "PartnerAccessSince",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "ChannelConsultantUserId",
                table: "Accounts");
        }
    }
}
