using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RelationshipStateConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
