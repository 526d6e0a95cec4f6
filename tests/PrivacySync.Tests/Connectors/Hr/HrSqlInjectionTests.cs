using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>Identifiers come from a form; hostile ones must match nothing, change nothing and raise nothing.</summary>
public sealed class HrSqlInjectionTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Hostile =
    [
        .. PrivacySync.Tests.Core.Requests.HostileIdentifiers.ForConnectors,
        "x@example.com'); DROP TABLE employees; --",
        "\" OR 1=1 --",
        "%' OR work_email LIKE '%",
        "1 OR 1=1",
        "E000001' UNION SELECT employee_id FROM employees --",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in HrProviders.Names)
            foreach (var value in Hostile)
                data.Add(provider, value);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task HostileIdentifiersMatchNothingAndChangeNothing(string provider, string hostile)
    {
        var db = await databases.GetAsync(provider);
        await db.SeedEmployeeAsync(new HrSampleEmployee { PayDates = [new(2025, 1, 25)] });
        await db.SeedApplicantAsync(new HrSampleApplicant());
        var employees = await db.CountAsync("SELECT COUNT(*) FROM employees");
        var applicants = await db.CountAsync("SELECT COUNT(*) FROM applicants");
        var connector = await db.ConnectorAsync(Today);
        var subject = new SubjectIdentity(hostile, EmployeeId: hostile, AdditionalEmails: [hostile + "@example.com"],
            SystemIds: new Dictionary<string, string> { [HrSubjectIds.NationalId] = hostile });

        var discovery = await connector.DiscoverAsync(subject, Ct);
        var export = await connector.ExportAsync(subject, Ct).ToListAsync(Ct);
        var erasure = await connector.EraseAsync(subject, Ct);

        Assert.False(discovery.Found);
        Assert.Empty(export);
        Assert.All(erasure.Categories, c => Assert.Equal(OutcomeKind.NotFound, c.Kind));
        Assert.Equal(employees, await db.CountAsync("SELECT COUNT(*) FROM employees"));
        Assert.Equal(applicants, await db.CountAsync("SELECT COUNT(*) FROM applicants"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE private_phone IS NULL"));
    }
}
