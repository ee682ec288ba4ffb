using MediatR;
using PartnerPortal.Data;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain;
using PartnerPortal.Testing;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Audit;
using Xunit.Abstractions;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// B1: the audit trail's CSV export streams. Alone (<see cref="AloneCollection"/>): the live heap it samples is the whole
/// process's, and a test running beside it (another 100,000 rows, 600-value forms) moved it by tens of megabytes.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class AuditTrailMemoryTests(PortalFixture fixture, ITestOutputHelper output) : PortalTest(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task B1_a_CSV_of_100000_entries_is_streamed_with_bounded_memory(bool partnerTrail)
    {
        var world = await Fixture.BuildAsync(w =>
        {
            var agency = w.Partner("Trail Agency");
            var boss = w.Employee(agency, "Bo Trail", AccessType.SuperAdmin);
            var cafe = w.Client("Trail Cafe");
            w.Services(agency, cafe);
            var owner = WorldBuilder.OwnerOf(cafe);
            return (Agency: agency.HubId, BossId: boss.Id, Cafe: cafe.HubId, Owner: owner.Email, OwnerId: owner.Id);
        });
        await Fixture.InDbAsync(db =>
        {
            db.AuditEntries.AddRange(Enumerable.Range(0, 100_000).Select(i =>
                new AuditEntry(world.Cafe, world.Agency, world.BossId, AuditActions.PartnerEmployeeAdded, $"person{i}@trail.test", "No access", "Partner Admin, Partner seat", Start.AddSeconds(i))));
            return db.InsertAddedAsync<AuditEntry>(CancellationToken.None);
        });
        // The download as the page writes it: the CSV query's rows through the CSV writer, the live heap sampled as it goes.
        // (The in-memory test server buffers a whole response, so this is measured where the app writes, not at the client.)
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Become(partnerTrail ? world.BossId : world.OwnerId);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TrailCsvQuery(partnerTrail ? world.Agency : world.Cafe, partnerTrail, new Trail.Filter()));
        Assert.True(result.Succeeded);
        var peak = GC.GetTotalMemory(forceFullCollection: true);
        var rows = 0;
        await using var sink = new CountingStream();
        await Csv.WriteAsync(sink, Trail.CsvHeader, result.Value.Rows, r =>
        {
            if (++rows % 20_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            return Trail.CsvFields(r);
        }, CancellationToken.None);
        var grown = (peak - before) / (1024 * 1024);
        output.WriteLine($"{rows} rows, {sink.Length / (1024 * 1024)} MB of CSV; live memory grew by at most {grown} MB while writing");
        Assert.Equal(100_000, rows);
        Assert.True(grown < 8, $"the live heap grew by {grown} MB for {sink.Length / (1024 * 1024)} MB of CSV");

        // And over HTTP, the whole file.
        using var owner = await Fixture.SignedInAsync(world.Owner);
        using var response = await owner.GetStreamingAsync($"/{world.Cafe}/client/audit-trail?handler=Csv");
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        while (await reader.ReadLineAsync() is not null) lines++;
        Assert.Equal(100_001, lines);
    }

    /// <summary>A stream that only counts what is written to it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
