using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RunningItForReal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsPlatformOperator",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<long>(
                name: "AccountHubId",
                table: "UserInvitations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "Purpose",
                table: "UserInvitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "SuspendedAt",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountSignUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    OpenFor = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    InvitedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HubId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSignUps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSignUps_OpenFor",
                table: "AccountSignUps",
                column: "OpenFor",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountSignUps_TokenHash",
                table: "AccountSignUps",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSignUps");

            migrationBuilder.DropColumn(
                name: "IsPlatformOperator",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "UserInvitations");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "Accounts");

            migrationBuilder.AlterColumn<long>(
                name: "AccountHubId",
                table: "UserInvitations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
