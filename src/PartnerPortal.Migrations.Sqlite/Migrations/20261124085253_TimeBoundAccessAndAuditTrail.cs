using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TimeBoundAccessAndAuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // B1: an audit entry is never changed, whatever code tries (the app refuses first; see AuditImmutability).
            migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_immutable"" BEFORE UPDATE ON ""AuditEntries"" BEGIN SELECT RAISE(ABORT, 'Audit entries are immutable.'); END;");
            migrationBuilder.CreateTable(
                name: "AccessReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MembershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""AuditEntries_immutable"";");
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
