using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClientSide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientInvitations_ClientHubId",
                table: "ClientInvitations");

            migrationBuilder.DropIndex(
                name: "IX_ClientInvitations_PartnerHubId",
                table: "ClientInvitations");

            migrationBuilder.AddColumn<string>(
                name: "GrantedVia",
                table: "Memberships",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AnsweredByUserId",
                table: "ClientInvitations",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "ClientInvitations",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "AllowsSensitiveData",
                table: "Accounts",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "BillingOwnerUserId",
                table: "Accounts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ContractEndsOn",
                table: "Accounts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subscription",
                table: "Accounts",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualifyingActivities_ClientHubId_UserId_At",
                table: "QualifyingActivities",
                columns: new[] { "ClientHubId", "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_ClientHubId_CreatedAt",
                table: "ClientInvitations",
                columns: new[] { "ClientHubId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_PartnerHubId_State_CreatedAt",
                table: "ClientInvitations",
                columns: new[] { "PartnerHubId", "State", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QualifyingActivities_ClientHubId_UserId_At",
                table: "QualifyingActivities");

            migrationBuilder.DropIndex(
                name: "IX_ClientInvitations_ClientHubId_CreatedAt",
                table: "ClientInvitations");

            migrationBuilder.DropIndex(
                name: "IX_ClientInvitations_PartnerHubId_State_CreatedAt",
                table: "ClientInvitations");

            migrationBuilder.DropColumn(
                name: "GrantedVia",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "AnsweredByUserId",
                table: "ClientInvitations");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "ClientInvitations");

            migrationBuilder.DropColumn(
                name: "AllowsSensitiveData",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "BillingOwnerUserId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ContractEndsOn",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Subscription",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_ClientHubId",
                table: "ClientInvitations",
                column: "ClientHubId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientInvitations_PartnerHubId",
                table: "ClientInvitations",
                column: "PartnerHubId");
        }
    }
}
