using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

[CollectionDefinition(nameof(HrMemoryMeasurements), DisableParallelization = true)]
public sealed class HrMemoryMeasurements;

/// <summary>
/// One subject with 100,000 payslip lines. Memory is sampled with full collections while the stream is consumed; the
/// collection runs alone so other tests' allocations do not disturb the process-wide figure.
/// </summary>
[Collection(nameof(HrMemoryMeasurements))]
public sealed class HrSqlLargeExportTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private const int Payslips = 100;
    private const int LinesPerPayslip = 1_000;

    // Holding the records would take roughly 1 KB each (~100 MB); streaming keeps one page of rows at a time.
    private const long Bound = 24L * 1024 * 1024;

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task StreamsAHundredThousandRowsInFlatMemory(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(new HrSampleEmployee
        {
            EmploymentStart = new DateOnly(2017, 1, 1),
            PayDates = Enumerable.Range(0, Payslips).Select(i => new DateOnly(2017, 1, 25).AddMonths(i)).ToList(),
            LinesPerPayslip = LinesPerPayslip,
        });
        var connector = await HrSqlConnector.OpenAsync(db.Options() with { PageSize = 1000 }, new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero)), cancellationToken: ct);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, lines = 0, records = 0;
        await foreach (var record in connector.ExportAsync(new SubjectIdentity(seeded.Email), ct))
        {
            records++;
            if (record.Fields.ContainsKey("Pay code")) lines++;
            if (records % 10_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Assert.Equal(Payslips * LinesPerPayslip, lines);
        Assert.True(records > lines);
        Assert.True(peak < Bound, $"managed heap grew by {peak / 1024 / 1024} MB while streaming (bound {Bound / 1024 / 1024} MB)");
    }
}
