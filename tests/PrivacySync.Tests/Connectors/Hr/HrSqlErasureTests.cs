using Microsoft.Extensions.Time.Testing;
using PrivacySync.Connectors.Hr;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class HrSqlErasureTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Left 2026-03-31; some records are past their retention on 2026-06-15, some are not.</summary>
    private static readonly HrSampleEmployee FormerEmployee = new()
    {
        EmploymentStart = new DateOnly(2019, 1, 1),
        EmploymentEnd = new DateOnly(2026, 3, 31),
        PayDates = [new(2020, 6, 25), new(2025, 12, 25), new(2026, 3, 25)],
        LinesPerPayslip = 3,
        AbsencesEnding = [new(2024, 1, 10), new(2026, 2, 1)],
        SickLeaveEnding = [new DateOnly(2025, 1, 1), new DateOnly(2026, 5, 1)],
        TrainingsCompleted = [new(2022, 5, 5), new(2023, 9, 9)],
    };

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task DeletesExpiredRowsAndRetainsTheRestWithComputedErasureDates(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(FormerEmployee);
        var connector = await db.ConnectorAsync(Today);

        var outcome = await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);

        Assert.False(outcome.HasFailures);
        // Payroll: the 2020 payslip (due 2025-12-31) goes with its lines; 2025/2026 payslips stay until 2031-12-31.
        AssertOutcome(outcome, "Payroll", OutcomeKind.Erased, 1 + 3);
        var payroll = AssertOutcome(outcome, "Payroll", OutcomeKind.Retained, 2 + 6);
        Assert.Equal(new DateOnly(2031, 12, 31), payroll.RetainedUntil);
        Assert.Contains("Bookkeeping law", payroll.LegalBasis);
        Assert.Equal(new DateOnly(2026, 9, 30), AssertOutcome(outcome, "Employment contracts", OutcomeKind.Retained, 1).RetainedUntil);
        AssertOutcome(outcome, "Absence and leave", OutcomeKind.Erased, 1);
        Assert.Equal(new DateOnly(2027, 2, 1), AssertOutcome(outcome, "Absence and leave", OutcomeKind.Retained, 1).RetainedUntil);
        AssertOutcome(outcome, "Health: sick leave", OutcomeKind.Erased, 1);
        Assert.Equal(new DateOnly(2026, 8, 1), AssertOutcome(outcome, "Health: sick leave", OutcomeKind.Retained, 1).RetainedUntil);
        // The employee row outlives its retained children, so its date is the latest of theirs.
        Assert.Equal(new DateOnly(2031, 12, 31), AssertOutcome(outcome, "Employment records", OutcomeKind.Retained, 1).RetainedUntil);
        AssertOutcome(outcome, "Contact details", OutcomeKind.Pseudonymised, 1);
        AssertOutcome(outcome, "Bank details", OutcomeKind.Erased, 2); // employee's account nulled + 2020 payslip deleted
        AssertOutcome(outcome, "Training", OutcomeKind.Anonymised, 2);
        Assert.Equal(OutcomeKind.NotFound, Assert.Single(outcome.Categories, c => c.Category == "Recruitment").Kind);

        var id = seeded.EmployeeId;
        Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", id));
        Assert.Equal(6, await db.CountAsync("SELECT COUNT(*) FROM payroll_lines WHERE payroll_id IN (SELECT payroll_id FROM payroll WHERE employee_id = @a)", id));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM sick_leave WHERE employee_id = @a AND diagnosis_note IS NULL", id));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM sick_leave WHERE employee_id = @a AND diagnosis_note IS NOT NULL", id));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM training WHERE employee_id = @a", id));
        Assert.Null(await db.ScalarAsync("SELECT private_phone FROM employees WHERE employee_id = @a", id));
        Assert.Null(await db.ScalarAsync("SELECT bank_account FROM employees WHERE employee_id = @a", id));
        var email = (string?)await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", id);
        Assert.StartsWith(HrHashing.PseudonymPrefix, email);
        Assert.Equal(HrHashing.Pseudonymise(HrTestDatabase.PseudonymKey, "employees", "work_email", seeded.Email), email);
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task RecordsEachRetainedTableInTheScheduleTable(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(FormerEmployee);
        var connector = await db.ConnectorAsync(Today);

        await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);

        const string Query = "SELECT erase_on FROM privacysync_erasure_schedule WHERE root_table = 'employees' AND root_key = @a AND table_name = @b";
        var key = seeded.EmployeeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(6, await db.CountAsync("SELECT COUNT(*) FROM privacysync_erasure_schedule WHERE root_table = 'employees' AND root_key = @a", key));
        Assert.Equal(new DateOnly(2031, 12, 31), AsDate(await db.ScalarAsync(Query, key, "payroll")));
        Assert.Equal(new DateOnly(2031, 12, 31), AsDate(await db.ScalarAsync(Query, key, "payroll_lines")));
        Assert.Equal(new DateOnly(2026, 8, 1), AsDate(await db.ScalarAsync(Query, key, "sick_leave")));
        Assert.Equal(new DateOnly(2031, 12, 31), AsDate(await db.ScalarAsync(Query, key, "employees")));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM privacysync_erasure_schedule WHERE root_key = @a AND table_name = 'training'", key));

        // Running the erasure again (a retry) replaces the subject's entries instead of adding to them. The address is
        // pseudonymised now, so the number alone reaches the row: an officer confirmed it is the subject's.
        await connector.EraseAsync(new SubjectIdentity(seeded.Email, EmployeeId: seeded.EmployeeNumber, ConfirmedRecords: [$"employees/{key}"]), Ct);
        Assert.Equal(6, await db.CountAsync("SELECT COUNT(*) FROM privacysync_erasure_schedule WHERE root_table = 'employees' AND root_key = @a", key));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task KeepsPayrollSevenYearsAfterTheFiscalYearInSweden(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(FormerEmployee);
        var connector = await db.ConnectorAsync(Today, HrSample.Mapping() with { Jurisdiction = "SE" });

        var outcome = await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);

        // 2020's fiscal year ended 2020-12-31: due 2027-12-31 in Sweden, so nothing of the payroll goes yet.
        Assert.DoesNotContain(outcome.Categories, c => c.Category == "Payroll" && c.Kind == OutcomeKind.Erased);
        Assert.Equal(new DateOnly(2033, 12, 31), AssertOutcome(outcome, "Payroll", OutcomeKind.Retained, 3 + 9).RetainedUntil);
        Assert.Equal(3, await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", seeded.EmployeeId));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task LeavesTheDateOpenWhileTheEmploymentContinues(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(FormerEmployee with { EmploymentEnd = null, PayDates = [new(2026, 5, 25)] });
        var connector = await db.ConnectorAsync(Today);

        var outcome = await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);

        var records = AssertOutcome(outcome, "Employment records", OutcomeKind.Retained, 1);
        Assert.Null(records.RetainedUntil);
        Assert.NotNull(records.Reason);
        Assert.Null(AssertOutcome(outcome, "Employment contracts", OutcomeKind.Retained, 1).RetainedUntil);
        var key = seeded.EmployeeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await db.CountAsync(
            "SELECT COUNT(*) FROM privacysync_erasure_schedule WHERE root_key = @a AND table_name = 'contracts' AND erase_on IS NULL", key));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task DeletesApplicationsWithoutConsentAndKeepsConsentingOnesForTwelveMonths(string provider)
    {
        var db = await databases.GetAsync(provider);
        var email = $"applicant.{Guid.NewGuid():N}@example.com";
        await db.SeedApplicantAsync(new HrSampleApplicant { Email = email, AppliedAt = new(2026, 2, 1), ConsentToKeep = false });
        await db.SeedApplicantAsync(new HrSampleApplicant { Email = email, AppliedAt = new(2025, 3, 1), ConsentToKeep = true }); // consent period over
        var kept = await db.SeedApplicantAsync(new HrSampleApplicant { Email = email, AppliedAt = new(2026, 1, 10), ConsentToKeep = true });
        var connector = await db.ConnectorAsync(Today);

        var outcome = await connector.EraseAsync(new SubjectIdentity(email.ToUpperInvariant()), Ct);

        AssertOutcome(outcome, "Recruitment", OutcomeKind.Erased, 2);
        var retained = AssertOutcome(outcome, "Recruitment", OutcomeKind.Retained, 1);
        Assert.Equal(new DateOnly(2027, 1, 10), retained.RetainedUntil);
        Assert.Equal("Consent to be kept in the talent pool (Art. 6(1)(a))", retained.LegalBasis);
        Assert.Equal(kept.ApplicantId, Convert.ToInt64(await db.ScalarAsync("SELECT applicant_id FROM applicants WHERE email = @a", email), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task ReportsNotFoundPerCategoryForAnUnknownSubject(string provider)
    {
        var db = await databases.GetAsync(provider);
        var connector = await db.ConnectorAsync(Today);

        var outcome = await connector.EraseAsync(new SubjectIdentity($"nobody.{Guid.NewGuid():N}@example.com"), Ct);

        Assert.NotEmpty(outcome.Categories);
        Assert.All(outcome.Categories, c => Assert.Equal(OutcomeKind.NotFound, c.Kind));
    }

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task RepeatedErasureKeepsTheSamePseudonym(string provider)
    {
        var db = await databases.GetAsync(provider);
        var seeded = await db.SeedEmployeeAsync(FormerEmployee);
        var connector = await db.ConnectorAsync(Today);
        await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);
        var first = await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", seeded.EmployeeId);

        var again = await connector.EraseAsync(
            new SubjectIdentity(seeded.Email, EmployeeId: seeded.EmployeeNumber, ConfirmedRecords: [$"employees/{seeded.EmployeeId}"]), Ct);

        Assert.Equal(first, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", seeded.EmployeeId));
        Assert.Equal(new DateOnly(2031, 12, 31), AssertOutcome(again, "Employment records", OutcomeKind.Retained, 1).RetainedUntil);
    }

    private static CategoryOutcome AssertOutcome(SystemOutcome outcome, string category, OutcomeKind kind, long count)
    {
        var found = Assert.Single(outcome.Categories, c => c.Category == category && c.Kind == kind);
        Assert.Equal(count, found.RecordCount);
        return found;
    }

    private static DateOnly? AsDate(object? value) => value switch
    {
        null => null,
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
