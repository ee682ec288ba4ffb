using Npgsql;
using PartnerPortal.Data;

namespace PartnerPortal.Web.Tests;

/// <summary>Issue 8: PostgreSQL prepares the statements the app sends again and again, unless the deployment says otherwise.</summary>
public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData("Host=db;Username=portal", DatabaseSetup.PostgresAutoPrepared)]
    [InlineData("Host=db;Username=portal;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=portal;maxautoprepare=7", 7)]
    public void A_PostgreSQL_connection_prepares_repeated_statements_unless_the_connection_string_says(string given, int expected)
    {
        var used = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(given));

        Assert.Equal(expected, used.MaxAutoPrepare);
        Assert.Equal(("db", "portal"), (used.Host, used.Username));
    }
}
