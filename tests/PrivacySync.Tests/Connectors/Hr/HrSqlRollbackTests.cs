using Microsoft.Extensions.Time.Testing;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>A trigger makes the last statement of an erasure fail, after earlier statements already deleted rows.</summary>
public sealed class HrSqlRollbackTests(HrDatabases databases) : IClassFixture<HrDatabases>
{
    private const string BlockedCourse = "Blocked course";
    private static readonly FakeTimeProvider Today = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(HrProviders.All), MemberType = typeof(HrProviders))]
    public async Task RollsBackEveryStatementAndReportsFailureWithoutData(string provider)
    {
        var db = await databases.GetAsync(provider);
        await InstallTriggerAsync(db);
        var seeded = await db.SeedEmployeeAsync(new HrSampleEmployee
        {
            EmploymentStart = new DateOnly(2019, 1, 1),
            EmploymentEnd = new DateOnly(2026, 3, 31),
            PayDates = [new(2020, 6, 25), new(2026, 3, 25)],
            LinesPerPayslip = 3,
            SickLeaveEnding = [new DateOnly(2025, 1, 1)],
            TrainingsCompleted = [new(2022, 5, 5)],
            TrainingCourse = BlockedCourse,
        });
        var connector = await db.ConnectorAsync(Today);

        var outcome = await connector.EraseAsync(new SubjectIdentity(seeded.Email), Ct);

        Assert.True(outcome.HasFailures);
        Assert.All(outcome.Categories, c => Assert.Equal(OutcomeKind.Failed, c.Kind));
        var reason = outcome.Categories[0].Reason!;
        Assert.Contains("update 'training'", reason);
        Assert.Contains("rolled back", reason);
        Assert.DoesNotContain(seeded.Email, reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("blocked by test trigger", reason); // engine messages can carry data; only codes are reported

        // The payslip from 2020 and the sick leave were deleted before training failed; both are back.
        var id = seeded.EmployeeId;
        Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM payroll WHERE employee_id = @a", id));
        Assert.Equal(6, await db.CountAsync("SELECT COUNT(*) FROM payroll_lines WHERE payroll_id IN (SELECT payroll_id FROM payroll WHERE employee_id = @a)", id));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM sick_leave WHERE employee_id = @a", id));
        Assert.NotNull(await db.ScalarAsync("SELECT private_phone FROM employees WHERE employee_id = @a", id));
        Assert.Equal(seeded.Email, await db.ScalarAsync("SELECT work_email FROM employees WHERE employee_id = @a", id));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM privacysync_erasure_schedule WHERE root_key = @a",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task InstallTriggerAsync(HrTestDatabase db)
    {
        if (await db.CountAsync(db.Provider == "sqlite"
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'block_training'"
                : "SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'block_training'") > 0)
            return;
        if (db.Provider == "sqlite")
        {
            await db.ExecuteAsync(
                $"CREATE TRIGGER block_training BEFORE UPDATE ON training WHEN OLD.course_name = '{BlockedCourse}' " +
                "BEGIN SELECT RAISE(ABORT, 'blocked by test trigger'); END");
            return;
        }

        await db.ExecuteAsync("CREATE FUNCTION block_training() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'blocked by test trigger'; END $$");
        await db.ExecuteAsync(
            $"CREATE TRIGGER block_training BEFORE UPDATE ON training FOR EACH ROW WHEN (OLD.course_name = '{BlockedCourse}') EXECUTE FUNCTION block_training()");
    }
}
