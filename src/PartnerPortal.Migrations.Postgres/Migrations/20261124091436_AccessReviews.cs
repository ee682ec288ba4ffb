using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccessReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_PartnerHubId",
                table: "Memberships");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "Memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "QuarterlyReview",
                table: "Accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "StaleAfterDays",
                table: "Accounts",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.CreateTable(
                name: "AccessReviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerHubId = table.Column<long>(type: "bigint", nullable: false),
                    StartedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kept = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    OverdueRemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenFor = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessReviews_Accounts_PartnerHubId",
                        column: x => x.PartnerHubId,
                        principalTable: "Accounts",
                        principalColumn: "HubId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_PartnerHubId_Id",
                table: "Memberships",
                columns: new[] { "PartnerHubId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_OpenFor",
                table: "AccessReviews",
                column: "OpenFor",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessReviews_PartnerHubId_StartedAt",
                table: "AccessReviews",
                columns: new[] { "PartnerHubId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessReviews");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_PartnerHubId_Id",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "QuarterlyReview",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "StaleAfterDays",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_PartnerHubId",
                table: "Memberships",
                column: "PartnerHubId");
        }
    }
}
