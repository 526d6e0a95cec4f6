using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr;
using PrivacySync.Core.Connectors;
using PrivacySync.Sandbox.HrDatabase;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>
/// Identity resolution in an HR database: every root row is one person; identifiers that reach two people, or a person
/// the request's email does not reach, are a conflict and nothing is exported or erased until an officer decides.
/// </summary>
public sealed class HrSqlIdentityTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HrSampleEmployee Employee() => new()
    {
        EmploymentStart = new DateOnly(2024, 1, 1),
        PayDates = [new(2025, 1, 25), new(2025, 2, 25)],
        LinesPerPayslip = 2,
        TrainingsCompleted = [new(2025, 5, 5)],
    };

    // The reported bug: an address found nowhere plus another employee's number erased that employee.
    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task AnUnknownAddressWithAnotherEmployeesNumberErasesNobody(string provider)
    {
        var db = await databases.GetAsync(provider);
        var colleague = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);
        var subject = new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com", EmployeeId: colleague.EmployeeNumber);
        var payroll = await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", colleague.EmployeeId);

        var resolution = await connector.ResolveAsync(subject, Ct);
        var erase = await Assert.ThrowsAsync<IdentityConflictException>(() => connector.EraseAsync(subject, Ct));

        Assert.True(resolution.IsConflict);
        var match = Assert.Single(resolution.Matches);
        Assert.Equal($"employees/{colleague.EmployeeId}", match.Record);
        Assert.Equal([SubjectIdentifiers.EmployeeId], match.MatchedBy);
        Assert.Contains("not by the request's email address", resolution.Conflict, StringComparison.Ordinal);
        Assert.Equal(resolution.Conflict, erase.Resolution.Conflict);
        await Assert.ThrowsAsync<IdentityConflictException>(async () => await connector.ExportAsync(subject, Ct).ToListAsync(Ct));
        Assert.Equal(payroll, await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", colleague.EmployeeId));
        Assert.Equal(colleague.Email, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", colleague.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task AnEmailOfOneEmployeeAndTheNumberOfAnotherAreAConflictNamingBoth(string provider)
    {
        var db = await databases.GetAsync(provider);
        var subjectRow = await db.SeedEmployeeAsync(Employee());
        var other = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);
        var subject = new SubjectIdentity(subjectRow.Email, EmployeeId: other.EmployeeNumber);

        var resolution = await connector.ResolveAsync(subject, Ct);

        Assert.True(resolution.IsConflict);
        Assert.Contains("2 records of 'employees' that different identifiers point to", resolution.Conflict, StringComparison.Ordinal);
        Assert.Equal([SubjectIdentifiers.Email], Assert.Single(resolution.Matches, m => m.Record == $"employees/{subjectRow.EmployeeId}").MatchedBy);
        Assert.Equal([SubjectIdentifiers.EmployeeId], Assert.Single(resolution.Matches, m => m.Record == $"employees/{other.EmployeeId}").MatchedBy);
        await Assert.ThrowsAsync<IdentityConflictException>(() => connector.EraseAsync(subject, Ct));
        Assert.Equal(other.Email, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", other.EmployeeId));
        Assert.Equal(subjectRow.Email, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", subjectRow.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ConfirmingOneRecordErasesThatPersonAndNoOneElse(string provider)
    {
        var db = await databases.GetAsync(provider);
        var subjectRow = await db.SeedEmployeeAsync(Employee());
        var other = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);
        var subject = new SubjectIdentity(subjectRow.Email, EmployeeId: other.EmployeeNumber, ConfirmedRecords: [$"employees/{subjectRow.EmployeeId}"]);

        var resolution = await connector.ResolveAsync(subject, Ct);
        var outcome = await connector.EraseAsync(subject, Ct);

        Assert.False(resolution.IsConflict);
        Assert.Equal($"employees/{subjectRow.EmployeeId}", Assert.Single(resolution.Matches).Record);
        Assert.Contains(outcome.Categories, c => c.Kind is OutcomeKind.Erased or OutcomeKind.Anonymised);
        Assert.StartsWith(HrHashing.PseudonymPrefix, (string?)await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", subjectRow.EmployeeId));
        Assert.Equal(other.Email, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", other.EmployeeId));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM training WHERE employee_id = @a", other.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task EmailAndNumberOfTheSameEmployeeResolveToThatEmployeeSayingBothMatched(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(Employee());
        var connector = await db.ConnectorAsync(Today);

        var resolution = await connector.ResolveAsync(new SubjectIdentity(seeded.Email.ToUpperInvariant(), EmployeeId: seeded.EmployeeNumber), Ct);

        Assert.False(resolution.IsConflict);
        var match = Assert.Single(resolution.Matches);
        Assert.Equal($"employees/{seeded.EmployeeId}", match.Record);
        Assert.Equal([SubjectIdentifiers.Email, SubjectIdentifiers.EmployeeId], match.MatchedBy);
    }
}
