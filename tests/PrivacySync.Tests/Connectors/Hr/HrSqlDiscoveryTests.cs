using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class HrSqlDiscoveryTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HrSampleEmployee Employee(string? nationalId = null) => new()
    {
        NationalId = nationalId,
        EmploymentStart = new DateOnly(2024, 1, 1),
        PayDates = [new(2025, 1, 25), new(2025, 2, 25)],
        LinesPerPayslip = 4,
        AbsencesEnding = [new(2025, 7, 20)],
        SickLeaveEnding = [new DateOnly(2025, 3, 10)],
        TrainingsCompleted = [new(2025, 5, 5)],
    };

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task FindsEmployeeByEmailIgnoringCase(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);

        var result = await connector.DiscoverAsync(new SubjectIdentity(seeded.Email.ToUpperInvariant()), Ct);

        Assert.True(result.Found);
        Assert.Equal(1, Category(result, "Employment records").RecordCount);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task FindsEmployeeByEmployeeNumberAloneOnceAnOfficerConfirmedTheRecord(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);
        var subject = new SubjectIdentity("someone.else@example.com", EmployeeId: seeded.EmployeeNumber);

        await Assert.ThrowsAsync<IdentityConflictException>(() => connector.DiscoverAsync(subject, Ct));
        var result = await connector.DiscoverAsync(subject with { ConfirmedRecords = [$"employees/{seeded.EmployeeId}"] }, Ct);

        Assert.True(result.Found);
        Assert.Equal(1, Category(result, "Identity").RecordCount);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task FindsEmployeeByNationalIdThroughTheMappingsHash(string provider)
    {
        var db = await databases.GetAsync(provider);
        var nationalId = "0101" + Random.Shared.Next(1_000_000, 9_999_999);
        await db.SeedEmployeeAsync(Employee(nationalId));
        var connector = await db.ConnectorAsync(Today);

        // Formatted differently from what was stored; the "digits" rule normalises it before hashing.
        var spaced = nationalId[..6] + " " + nationalId[6..];
        var subject = new SubjectIdentity("unknown@example.com", SystemIds: new Dictionary<string, string> { [HrSubjectIds.NationalId] = spaced });
        var resolution = await connector.ResolveAsync(subject, Ct);
        var result = await connector.DiscoverAsync(subject with { ConfirmedRecords = [Assert.Single(resolution.Matches).Record] }, Ct);

        Assert.Equal([SubjectIdentifiers.NationalId], Assert.Single(resolution.Matches).MatchedBy);
        Assert.True(resolution.IsConflict);
        Assert.True(result.Found);
        Assert.Equal(1, Category(result, "Employment records").RecordCount);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task CountsChildRowsReachedThroughForeignKeysIncludingGrandchildren(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(Employee());
        await db.SeedEmployeeAsync(Employee()); // a colleague whose rows must not be counted
        var connector = await db.ConnectorAsync(Today);

        var result = await connector.DiscoverAsync(new SubjectIdentity(seeded.Email), Ct);

        Assert.Equal(2 + 2 * 4, Category(result, "Payroll").RecordCount); // 2 payslips + 8 payslip lines
        Assert.Equal(1 + 2, Category(result, "Bank details").RecordCount); // employee record + 2 payslips
        Assert.Equal(1, Category(result, "Absence and leave").RecordCount);
        Assert.Equal(1, Category(result, "Training").RecordCount);
        var sick = Category(result, "Health: sick leave");
        Assert.Equal(1, sick.RecordCount);
        Assert.Contains("Art. 9(2)(b)", sick.LegalBasis);
        Assert.Contains("3 months", sick.Retention);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task FindsApplicantInASecondRootTable(string provider)
    {
        var db = await databases.GetAsync(provider);
        var applicant = await db.SeedApplicantAsync(new HrSampleApplicant());
        var connector = await db.ConnectorAsync(Today);

        var result = await connector.DiscoverAsync(new SubjectIdentity(applicant.Email), Ct);

        Assert.True(result.Found);
        Assert.Equal("Recruitment", Assert.Single(result.Categories).Name);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ReportsAbsentWhenNoIdentifierMatches(string provider)
    {
        var db = await databases.GetAsync(provider);
        await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);

        var result = await connector.DiscoverAsync(new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com", EmployeeId: "E999999"), Ct);

        Assert.False(result.Found);
        Assert.Empty(result.Categories);
    }

    private static DataCategory Category(DiscoveryResult result, string name) => Assert.Single(result.Categories, c => c.Name == name);
}
