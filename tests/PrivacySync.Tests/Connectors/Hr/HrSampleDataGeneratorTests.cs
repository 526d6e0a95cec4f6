using Microsoft.Extensions.Time.Testing;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class HrSampleDataGeneratorTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task GeneratesAFictionalPopulationTheConnectorCanServe(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await databases.GetAsync(provider);
        var today = new DateOnly(2026, 6, 15);
        await using (var connection = await db.OpenAsync())
            await new HrSampleDataGenerator(connection, db.Dialect, HrSample.Mapping(), HrTestDatabase.NationalIdKey, seed: 7)
                .GenerateAsync(employees: 25, applicants: 10, today, ct);

        Assert.Equal(25, await db.CountAsync("SELECT COUNT(*) FROM employees"));
        Assert.Equal(10, await db.CountAsync("SELECT COUNT(*) FROM applicants"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE work_email NOT LIKE '%@example.com'"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM applicants WHERE email NOT LIKE '%@example.com'"));
        Assert.True(await db.CountAsync("SELECT COUNT(*) FROM payroll_lines") > 25 * 2);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE employment_end < employment_start"));

        var email = (string)(await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", 13L))!;
        var connector = await db.ConnectorAsync(new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero)));
        var found = await connector.DiscoverAsync(new SubjectIdentity(email), ct);
        Assert.True(found.Found);
        Assert.Contains(found.Categories, c => c.Name == "Payroll" && c.RecordCount > 0);
    }
}
