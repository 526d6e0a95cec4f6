using Microsoft.Extensions.Time.Testing;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class HrSqlExportTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ExportsEveryMappedRowWithReadableLabelsAndNothingOfColleagues(string provider)
    {
        var db = await databases.GetAsync(provider);
        var spec = new HrSampleEmployee
        {
            EmploymentStart = new DateOnly(2023, 3, 1),
            EmploymentEnd = new DateOnly(2025, 8, 31),
            PayDates = [new(2025, 6, 25), new(2025, 7, 25), new(2025, 8, 25)],
            LinesPerPayslip = 2,
            SickLeaveEnding = [new DateOnly(2024, 11, 2)],
            TrainingsCompleted = [new(2024, 4, 4)],
        };
        var seeded = await db.SeedEmployeeAsync(spec);
        await db.SeedEmployeeAsync(spec with { });
        var connector = await db.ConnectorAsync(Today);

        var records = await connector.ExportAsync(new SubjectIdentity(seeded.Email), Ct).ToListAsync(Ct);

        var identity = Assert.Single(records, r => r.Category == "Identity" && r.Fields.ContainsKey("First name"));
        Assert.Equal(seeded.FirstName, (string?)identity.Fields["First name"]);
        Assert.Equal(seeded.LastName, (string?)identity.Fields["Last name"]);
        Assert.Equal("Contract (GDPR Art. 6(1)(b))", identity.LegalBasis);

        var payslips = records.Where(r => r.Category == "Payroll" && r.Fields.ContainsKey("Pay date")).ToList();
        Assert.Equal(["2025-06-25", "2025-07-25", "2025-08-25"], payslips.Select(r => (string?)r.Fields["Pay date"]));
        Assert.All(payslips, p => Assert.Equal("HR system (personnel, payroll and recruitment) — Payslips", p.Source));
        Assert.All(payslips, p => Assert.Contains("5 years after the end of the fiscal year of 'Pay date' (NO)", p.Retention));
        Assert.Equal(6, records.Count(r => r.Category == "Payroll" && r.Fields.ContainsKey("Pay code")));

        var employment = Assert.Single(records, r => r.Category == "Employment records");
        Assert.Equal("2025-08-31", (string?)employment.Fields["Employed until"]);
        Assert.Equal(seeded.EmployeeNumber, (string?)employment.Fields["Employee number"]);

        var sick = Assert.Single(records, r => r.Category == "Health: sick leave");
        Assert.Contains("Art. 9(2)(b)", sick.LegalBasis);
        Assert.Equal("Graded return to work agreed with manager", (string?)sick.Fields["Note"]);

        // Records arrive grouped by category within each table, parents before children.
        var order = records.Select(r => r.Category).ToList();
        Assert.True(order.IndexOf("Employment records") < order.IndexOf("Payroll"));
        // employee: 5 category groups; contract 1; payslips 3 × (Payroll, Bank details); lines 6; sick leave 1; training 1.
        Assert.Equal(5 + 1 + 6 + 6 + 1 + 1, records.Count);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task EachRetainedRowCarriesItsEndDateFromTheMappingsPeriodAfterItsOwnDate(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(new HrSampleEmployee
        {
            EmploymentStart = new DateOnly(2018, 3, 1),
            EmploymentEnd = new DateOnly(2025, 8, 31),
            PayDates = [new(2019, 3, 25), new(2025, 6, 25)],
            LinesPerPayslip = 1,
        });
        var connector = await db.ConnectorAsync(Today);

        var records = await connector.ExportAsync(new SubjectIdentity(seeded.Email), Ct).ToListAsync(Ct);

        // Payslips: kept 5 years after the end of the fiscal year of the pay date (NO), so the last day kept is the day before.
        var payslips = records.Where(r => r.Category == "Payroll" && r.Fields.ContainsKey("Pay date")).ToDictionary(r => (string)r.Fields["Pay date"]!);
        Assert.Equal(new DateOnly(2024, 12, 30), payslips["2019-03-25"].RetainUntil);
        Assert.Equal(new DateOnly(2030, 12, 30), payslips["2025-06-25"].RetainUntil);
        Assert.True(payslips["2019-03-25"].RetainUntil < DateOnly.FromDateTime(Today.GetUtcNow().UtcDateTime)); // flagged as past in the summary
        // The employee record: kept 6 months after 'Employed until' (2025-08-31).
        Assert.All(records.Where(r => r.Category == "Identity"), r => Assert.Equal(new DateOnly(2026, 2, 27), r.RetainUntil));

        // Still employed: no date to run from yet, so no end date is stated and nothing is flagged.
        var current = await db.SeedEmployeeAsync(new HrSampleEmployee { EmploymentStart = new DateOnly(2024, 1, 1), PayDates = [], LinesPerPayslip = 0 });
        var running = await connector.ExportAsync(new SubjectIdentity(current.Email), Ct).ToListAsync(Ct);
        Assert.All(running.Where(r => r.Category == "Identity"), r => Assert.Null(r.RetainUntil));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ExportsNothingForAnUnknownSubject(string provider)
    {
        var db = await databases.GetAsync(provider);
        var connector = await db.ConnectorAsync(Today);

        var records = await connector.ExportAsync(new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com"), Ct).ToListAsync(Ct);

        Assert.Empty(records);
    }
}
