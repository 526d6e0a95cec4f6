using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.HrDatabase;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class HrSqlRestrictionTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static readonly HrSampleEmployee Employee = new()
    {
        EmploymentStart = new DateOnly(2021, 1, 1),
        PayDates = [new(2026, 5, 25)],
        LinesPerPayslip = 2,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task RestrictionFlagsTheSubjectsRowsOnlyAndALiftClearsThem(string provider)
    {
        var db = await databases.GetAsync(provider);
        var subject = await db.SeedEmployeeAsync(Employee);
        var other = await db.SeedEmployeeAsync(Employee);
        var connector = await db.ConnectorAsync(Today);

        var restricted = await connector.RestrictAsync(new SubjectIdentity(subject.Email), RestrictionStep.Restrict, Ct);

        var held = Assert.Single(restricted.Categories);
        Assert.Equal(("Employment records", OutcomeKind.Restricted, 1L), (held.Category, held.Kind, held.RecordCount));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted AND employee_id = @a", subject.EmployeeId));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted AND employee_id = @a", other.EmployeeId));

        // Restricting again changes nothing; lifting clears the flag and keeps the row.
        Assert.Equal(OutcomeKind.Restricted, Assert.Single((await connector.RestrictAsync(new SubjectIdentity(subject.Email), RestrictionStep.Restrict, Ct)).Categories).Kind);
        var lifted = await connector.RestrictAsync(new SubjectIdentity(subject.Email), RestrictionStep.Lift, Ct);

        Assert.Equal(OutcomeKind.Lifted, Assert.Single(lifted.Categories).Kind);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted AND employee_id = @a", subject.EmployeeId));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE employee_id = @a", subject.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ARootWithoutARestrictionFlagIsAManualStepAndNothingChanges(string provider)
    {
        var db = await databases.GetAsync(provider);
        var subject = await db.SeedEmployeeAsync(Employee);
        var sample = HrSample.Mapping();
        var unflagged = sample with { Tables = [sample.Tables[0] with { RestrictionColumn = null }, .. sample.Tables.Skip(1)] };
        var connector = await db.ConnectorAsync(Today, unflagged);

        var outcome = await connector.RestrictAsync(new SubjectIdentity(subject.Email), RestrictionStep.Restrict, Ct);

        var manual = Assert.Single(outcome.Categories);
        Assert.Equal(OutcomeKind.ManualActionRequired, manual.Kind);
        Assert.Contains($"row(s) {subject.EmployeeId} (employee_id)", manual.Instructions, StringComparison.Ordinal);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM employees WHERE processing_restricted AND employee_id = @a", subject.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ARestrictionColumnThatIsNoBooleanIsRefusedAtStart(string provider)
    {
        var db = await databases.GetAsync(provider);
        var sample = HrSample.Mapping();
        var wrong = sample with { Tables = [sample.Tables[0] with { RestrictionColumn = "first_name" }, .. sample.Tables.Skip(1)] };

        var error = await Assert.ThrowsAsync<HrMappingException>(() => db.ConnectorAsync(Today, wrong));

        Assert.Contains(error.Errors, e => e.Contains("column 'first_name' (restriction flag)", StringComparison.Ordinal));
    }
}
