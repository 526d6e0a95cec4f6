using System.Data.Common;
using PrivacySync.Sandbox.HrDatabase;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// Creates the sample HR schema (HrDatabase/HrSample) in an empty SQLite or PostgreSQL database and fills it with
/// the connectors' own generator: current and former employees with contracts, payroll, absence, sick leave and
/// training, applicants — and the persona's six years of employment.
/// </summary>
internal static class HrDatabaseSeeder
{
    public sealed record Result(int Employees, int Applicants)
    {
        public override string ToString() => $"{Employees} employees (contracts, payroll, absence, sick leave, training), {Applicants} applicants";
    }

    public static async Task<Result> SeedAsync(string provider, string connectionString, byte[] nationalIdKey, DateOnly today, int employees, CancellationToken ct)
    {
        var dialect = SqlDialects.Find(provider);
        await using var connection = dialect.CreateConnection(connectionString);
        await connection.OpenAsync(ct);
        await HrSample.CreateSchemaAsync(connection, dialect, ct);
        var generator = new HrSampleDataGenerator(connection, dialect, HrSample.Mapping(), nationalIdKey, seed: 42);

        var payDates = new List<DateOnly>();
        for (var d = new DateOnly(DemoPersona.EmployedFrom.Year, DemoPersona.EmployedFrom.Month, 25); d <= DemoPersona.EmployedUntil; d = d.AddMonths(1))
        {
            payDates.Add(d);
        }

        await generator.AddEmployeeAsync(new HrSampleEmployee
        {
            Email = DemoPersona.FormerWorkEmail,
            EmployeeNumber = DemoPersona.EmployeeNumber,
            NationalId = DemoPersona.NationalId,
            EmploymentStart = DemoPersona.EmployedFrom,
            EmploymentEnd = DemoPersona.EmployedUntil,
            PayDates = payDates,
            LinesPerPayslip = 3,
            AbsencesEnding = [new(2018, 7, 20), new(2020, 12, 30), new(2022, 7, 15)],
            SickLeaveEnding = [new(2021, 2, 12), new(2023, 3, 3)],
            TrainingsCompleted = [new(2018, 3, 1), new(2021, 9, 10)],
            TrainingCourse = "GDPR for staff",
        }, ct);

        // The generator picks names at random; the persona keeps her own.
        await using (var rename = connection.CreateCommand())
        {
            rename.CommandText = $"UPDATE {dialect.Quote("employees")} SET {dialect.Quote("first_name")} = {dialect.Parameter(0)}, "
                + $"{dialect.Quote("last_name")} = {dialect.Parameter(1)} WHERE {dialect.Quote("employee_number")} = {dialect.Parameter(2)}";
            AddParameter(rename, dialect, DemoPersona.FirstName);
            AddParameter(rename, dialect, DemoPersona.LastName);
            AddParameter(rename, dialect, DemoPersona.EmployeeNumber);
            if (await rename.ExecuteNonQueryAsync(ct) != 1)
            {
                throw new InvalidOperationException("The persona's HR record was not found after seeding.");
            }
        }

        var applicants = Math.Max(1, employees / 3);
        await generator.GenerateAsync(employees - 1, applicants, today, ct);
        return new Result(employees, applicants);
    }

    private static void AddParameter(DbCommand command, ISqlDialect dialect, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = dialect.Parameter(command.Parameters.Count);
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
