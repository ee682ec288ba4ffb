using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PartnerFiguresAndTwoFactorFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "CreditMrr",
                table: "PartnerClientRelationships",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "CreditPartners",
                table: "PartnerClientRelationships",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "AccountRequiresTwoFactor",
                table: "Memberships",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // B7: the flag beside each membership starts as its account's setting (the partners' figures are built at start).
            migrationBuilder.Sql("UPDATE [Memberships] SET [AccountRequiresTwoFactor] = (SELECT a.[RequiresTwoFactor] FROM [Accounts] a WHERE a.[HubId] = [Memberships].[AccountHubId])");

            migrationBuilder.CreateTable(
                name: "PartnerFigures",
                columns: table => new
                {
                    PartnerHubId = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyRecurringRevenue = table.Column<decimal>(type: "decimal(26,8)", precision: 26, scale: 8, nullable: false),
                    Serviced = table.Column<int>(type: "int", nullable: false),
                    Ending = table.Column<int>(type: "int", nullable: false),
                    EmployeesWithAccess = table.Column<int>(type: "int", nullable: false),
                    KeptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
