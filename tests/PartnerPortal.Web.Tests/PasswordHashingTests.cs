using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.Testing;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// Issue 24: the tests hash passwords with production's algorithm at fewer iterations (<see cref="PortalFactory.TestIterations"/>);
/// this is the one test that proves what production does — PBKDF2 in Identity's V3 format at 210,000 iterations.
/// </summary>
public sealed class PasswordHashingTests(PortalFixture fixture) : PortalTest(fixture)
{
    /// <summary>Identity's V3 hash: a 0x01 marker, the PRF, then the iteration count, big-endian, in bytes 5–8.</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [Fact]
    public async Task Production_hashes_passwords_with_PBKDF2_at_210000_iterations_and_the_tests_use_the_same_format_at_fewer()
    {
        var production = new PortalFactory(TestDatabase.FromEnvironment("hashing"), settings: new Dictionary<string, string> { ["DemoData:Seed"] = "false" },
            productionPasswordHashing: true);
        try
        {
            var hasher = production.Services.GetRequiredService<IPasswordHasher<PortalUser>>();
            var hash = hasher.HashPassword(new PortalUser(), "a production password");
            Assert.Equal(210_000, IterationsOf(hash));
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new PortalUser(), hash, "a production password"));
            Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new PortalUser(), hash, "another password"));
        }
        finally
        {
            await production.DisposeAsync();
            await production.Database.DisposeAsync();
        }

        var inTests = Fixture.Service<IPasswordHasher<PortalUser>>().HashPassword(new PortalUser(), "a test password");
        Assert.Equal(PortalFactory.TestIterations, IterationsOf(inTests));
    }
}
