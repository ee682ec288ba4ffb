using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TimeBoundAccessAndAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // B1: an audit entry is never changed, whatever code tries (the app refuses first; see AuditImmutability).
            migrationBuilder.Sql(@"CREATE TRIGGER [AuditEntries_immutable] ON [AuditEntries] INSTEAD OF UPDATE AS BEGIN THROW 50000, 'Audit entries are immutable.', 1; END");
            migrationBuilder.CreateTable(
                name: "AccessReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MembershipId = table.Column<int>(type: "int", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DaysBefore = table.Column<int>(type: "int", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_ExpiresAt",
                table: "Memberships",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AccountHubId_Action_At",
                table: "AuditEntries",
                columns: new[] { "AccountHubId", "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AccountHubId_ActorUserId_At",
                table: "AuditEntries",
                columns: new[] { "AccountHubId", "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AccountHubId_Subject_At",
                table: "AuditEntries",
                columns: new[] { "AccountHubId", "Subject", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerHubId_AccountHubId_At",
                table: "AuditEntries",
                columns: new[] { "PartnerHubId", "AccountHubId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerHubId_ActorUserId_At",
                table: "AuditEntries",
                columns: new[] { "PartnerHubId", "ActorUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerHubId_Subject_At",
                table: "AuditEntries",
                columns: new[] { "PartnerHubId", "Subject", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessReminders_MembershipId_EndsAt_DaysBefore",
                table: "AccessReminders",
                columns: new[] { "MembershipId", "EndsAt", "DaysBefore" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS [AuditEntries_immutable];");
            migrationBuilder.DropTable(
                name: "AccessReminders");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_ExpiresAt",
                table: "Memberships");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AccountHubId_Action_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AccountHubId_ActorUserId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AccountHubId_Subject_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerHubId_AccountHubId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerHubId_ActorUserId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerHubId_Subject_At",
                table: "AuditEntries");
        }
    }
}
