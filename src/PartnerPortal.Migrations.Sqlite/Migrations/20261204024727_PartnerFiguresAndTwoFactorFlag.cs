using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartnerFiguresAndTwoFactorFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CreditMrr",
                table: "PartnerClientRelationships",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "CreditPartners",
                table: "PartnerClientRelationships",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AccountRequiresTwoFactor",
                table: "Memberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // B7: the flag beside each membership starts as its account's setting (the partners' figures are built at start).
            migrationBuilder.Sql("UPDATE \"Memberships\" SET \"AccountRequiresTwoFactor\" = (SELECT a.\"RequiresTwoFactor\" FROM \"Accounts\" a WHERE a.\"HubId\" = \"Memberships\".\"AccountHubId\")");

            migrationBuilder.CreateTable(
                name: "PartnerFigures",
                columns: table => new
                {
                    PartnerHubId = table.Column<long>(type: "INTEGER", nullable: false),
                    MonthlyRecurringRevenue = table.Column<double>(type: "REAL", precision: 26, scale: 8, nullable: false),
                    Serviced = table.Column<int>(type: "INTEGER", nullable: false),
                    Ending = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeesWithAccess = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerFigures", x => x.PartnerHubId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientRelationships_PartnerHubId_CreditPartners_CreditMrr",
                table: "PartnerClientRelationships",
                columns: new[] { "PartnerHubId", "CreditPartners", "CreditMrr" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId_AccountRequiresTwoFactor",
                table: "Memberships",
                columns: new[] { "UserId", "AccountRequiresTwoFactor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerFigures");

            migrationBuilder.DropIndex(
                name: "IX_PartnerClientRelationships_PartnerHubId_CreditPartners_CreditMrr",
                table: "PartnerClientRelationships");

            migrationBuilder.DropIndex(
                name: "IX_Memberships_UserId_AccountRequiresTwoFactor",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "CreditMrr",
                table: "PartnerClientRelationships");

            migrationBuilder.DropColumn(
                name: "CreditPartners",
                table: "PartnerClientRelationships");

            migrationBuilder.DropColumn(
                name: "AccountRequiresTwoFactor",
                table: "Memberships");
        }
    }
}
