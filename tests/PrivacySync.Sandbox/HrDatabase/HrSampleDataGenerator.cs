using System.Data.Common;
using System.Globalization;
using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Connectors.Hr.Sql;

namespace PrivacySync.Sandbox.HrDatabase;

/// <summary>
/// Fills the sample HR schema with realistic fictional people (names from small built-in Nordic lists, example.com
/// e-mails, made-up national ids). Deterministic for a seed. Rows go in as multi-row parameterised INSERTs inside
/// one transaction per call, so 100,000 payslip lines take seconds on either engine.
/// </summary>
public sealed class HrSampleDataGenerator(DbConnection connection, ISqlDialect dialect, HrMapping mapping, byte[]? nationalIdKey, int seed = 1)
{
    private const int MaxParametersPerStatement = 2000;

    private static readonly string[] FirstNames =
    [
        "Ingrid", "Nora", "Emma", "Sofie", "Astrid", "Maja", "Elsa", "Linnea", "Sigrid", "Hedda",
        "Ola", "Lars", "Jonas", "Magnus", "Henrik", "Erik", "Anders", "Johan", "Sindre", "Oskar",
    ];

    private static readonly string[] LastNames =
    [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Lindqvist", "Nilsson", "Eriksson",
        "Solberg", "Dahl", "Lund", "Bakke", "Strand", "Holm", "Sandberg", "Lindgren", "Moen", "Nygaard",
    ];

    private static readonly string[] Streets = ["Storgata", "Kirkeveien", "Drottninggatan", "Strandveien", "Parkveien", "Sveavägen"];
    private static readonly string[] Cities = ["0150 Oslo", "5003 Bergen", "7011 Trondheim", "111 57 Stockholm", "411 03 Göteborg"];
    private static readonly string[] Titles = ["Consultant", "Senior consultant", "Project manager", "Developer", "Architect", "Accountant"];
    private static readonly string[] Courses = ["Azure fundamentals", "First aid", "GDPR for staff", "Scrum master", "Security awareness"];
    private static readonly (string Code, string Text)[] PayCodes =
    [
        ("1000", "Fixed monthly salary"), ("1200", "Overtime 50 %"), ("2100", "Holiday pay"),
        ("3000", "Pension contribution"), ("4100", "Travel allowance"), ("9000", "Tax deduction"),
    ];

    private readonly Random random = new(seed);
    private readonly DbConnection db = connection;
    private readonly ISqlDialect sql = dialect;
    private readonly Dictionary<string, long> nextIds = [];

    public async Task<HrSeededEmployee> AddEmployeeAsync(HrSampleEmployee spec, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var seeded = await InsertEmployeeAsync(spec, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return seeded;
    }

    public async Task<HrSeededApplicant> AddApplicantAsync(HrSampleApplicant spec, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var id = await NextIdAsync("applicants", "applicant_id", transaction, cancellationToken);
        var name = $"{Pick(FirstNames)} {Pick(LastNames)}";
        var email = spec.Email ?? $"applicant{id}@example.com";
        var rows = new Batch(this, "applicants", ["applicant_id", "full_name", "email", "phone", "position", "cv_summary", "applied_at", "consent_to_keep"]);
        rows.Add(id, name, email, Phone(), Pick(Titles), $"{random.Next(2, 15)} years of experience with .NET and cloud projects.", spec.AppliedAt, spec.ConsentToKeep);
        await rows.FlushAsync(transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HrSeededApplicant(id, email, name);
    }

    /// <summary>A population of former and current employees and applicants, for demos and load tests.</summary>
    public async Task GenerateAsync(int employees, int applicants, DateOnly today, CancellationToken cancellationToken)
    {
        for (var i = 0; i < employees; i++)
        {
            var start = today.AddMonths(-random.Next(6, 120));
            DateOnly? end = random.Next(3) == 0 ? today.AddMonths(-random.Next(0, 60)) : null;
            if (end < start) end = start.AddMonths(6);
            var last = end ?? today;
            var payDates = new List<DateOnly>();
            for (var d = new DateOnly(start.Year, start.Month, 25); d <= last; d = d.AddMonths(1)) payDates.Add(d);
            await AddEmployeeAsync(new HrSampleEmployee
            {
                EmploymentStart = start,
                EmploymentEnd = end,
                PayDates = payDates,
                LinesPerPayslip = random.Next(2, 6),
                AbsencesEnding = Enumerable.Range(0, random.Next(0, 4)).Select(_ => start.AddDays(random.Next(0, Math.Max(1, last.DayNumber - start.DayNumber)))).ToList(),
                SickLeaveEnding = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (DateOnly?)start.AddDays(random.Next(0, Math.Max(1, last.DayNumber - start.DayNumber)))).ToList(),
                TrainingsCompleted = Enumerable.Range(0, random.Next(0, 4)).Select(_ => start.AddDays(random.Next(0, Math.Max(1, last.DayNumber - start.DayNumber)))).ToList(),
            }, cancellationToken);
        }

        for (var i = 0; i < applicants; i++)
            await AddApplicantAsync(new HrSampleApplicant { AppliedAt = today.AddDays(-random.Next(0, 900)), ConsentToKeep = random.Next(4) == 0 }, cancellationToken);
    }

    private async Task<HrSeededEmployee> InsertEmployeeAsync(HrSampleEmployee spec, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var id = await NextIdAsync("employees", "employee_id", transaction, cancellationToken);
        var first = Pick(FirstNames);
        var last = Pick(LastNames);
        var number = spec.EmployeeNumber ?? "E" + id.ToString("D6", CultureInfo.InvariantCulture);
        var email = spec.Email ?? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{id}@example.com";
        var nationalId = spec.NationalId ?? string.Concat(Enumerable.Range(0, 11).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));
        var hash = mapping.NationalIdHash is { } rule ? HrHashing.HashNationalId(nationalId, rule, nationalIdKey) : null;
        var account = $"{random.Next(1000, 9999)}.{random.Next(10, 99)}.{random.Next(10000, 99999)}";

        var employees = new Batch(this, "employees",
        [
            "employee_id", "employee_number", "national_id_hash", "first_name", "last_name", "work_email", "private_phone",
            "private_address", "birth_date", "bank_account", "employment_start", "employment_end",
        ]);
        employees.Add(id, number, hash, first, last, email, Phone(), $"{Pick(Streets)} {random.Next(1, 120)}, {Pick(Cities)}",
            new DateOnly(random.Next(1960, 2001), random.Next(1, 13), random.Next(1, 29)), account, spec.EmploymentStart, spec.EmploymentEnd);
        await employees.FlushAsync(transaction, cancellationToken);

        var contracts = new Batch(this, "contracts", ["contract_id", "employee_id", "title", "contract_type", "monthly_salary", "start_date", "end_date"]);
        contracts.Add(await NextIdAsync("contracts", "contract_id", transaction, cancellationToken), id, Pick(Titles), "permanent",
            (decimal)random.Next(45_000, 95_000), spec.EmploymentStart, spec.EmploymentEnd);
        await contracts.FlushAsync(transaction, cancellationToken);

        var payroll = new Batch(this, "payroll", ["payroll_id", "employee_id", "pay_date", "gross", "tax_withheld", "net", "bank_account"]);
        var lines = new Batch(this, "payroll_lines", ["line_id", "payroll_id", "code", "description", "amount"]);
        foreach (var payDate in spec.PayDates)
        {
            var payrollId = await NextIdAsync("payroll", "payroll_id", transaction, cancellationToken);
            var gross = (decimal)random.Next(45_000, 95_000);
            payroll.Add(payrollId, id, payDate, gross, Math.Round(gross * 0.33m, 2), Math.Round(gross * 0.67m, 2), account);
            for (var l = 0; l < spec.LinesPerPayslip; l++)
            {
                var (code, text) = PayCodes[l % PayCodes.Length];
                lines.Add(await NextIdAsync("payroll_lines", "line_id", transaction, cancellationToken), payrollId, code, $"{text} {payDate:yyyy-MM}",
                    Math.Round((decimal)random.NextDouble() * 10_000m, 2));
                if (!lines.Full) continue;
                await payroll.FlushAsync(transaction, cancellationToken); // lines reference their payslip
                await lines.FlushAsync(transaction, cancellationToken);
            }
        }

        await payroll.FlushAsync(transaction, cancellationToken);
        await lines.FlushAsync(transaction, cancellationToken);

        var absences = new Batch(this, "absences", ["absence_id", "employee_id", "absence_type", "start_date", "end_date"]);
        foreach (var end in spec.AbsencesEnding)
            absences.Add(await NextIdAsync("absences", "absence_id", transaction, cancellationToken), id, random.Next(2) == 0 ? "holiday" : "parental leave", end.AddDays(-4), end);
        await absences.FlushAsync(transaction, cancellationToken);

        var sick = new Batch(this, "sick_leave", ["sick_leave_id", "employee_id", "start_date", "end_date", "certificate_type", "diagnosis_note"]);
        foreach (var end in spec.SickLeaveEnding)
            sick.Add(await NextIdAsync("sick_leave", "sick_leave_id", transaction, cancellationToken), id, (end ?? spec.EmploymentStart.AddDays(30)).AddDays(-7), end,
                random.Next(2) == 0 ? "self-certified" : "medical certificate", "Graded return to work agreed with manager");
        await sick.FlushAsync(transaction, cancellationToken);

        var training = new Batch(this, "training", ["training_id", "employee_id", "course_name", "completed_on", "participant_note"]);
        foreach (var completed in spec.TrainingsCompleted)
            training.Add(await NextIdAsync("training", "training_id", transaction, cancellationToken), id, spec.TrainingCourse ?? Pick(Courses), completed, "Passed the final assessment");
        await training.FlushAsync(transaction, cancellationToken);

        return new HrSeededEmployee(id, email, number, nationalId, first, last);
    }

    private async Task<long> NextIdAsync(string table, string key, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!nextIds.TryGetValue(table, out var next))
        {
            await using var command = db.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX({sql.Quote(key)}), 0) FROM {sql.Quote(table)}";
            next = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) + 1;
        }

        nextIds[table] = next + 1;
        return next;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private string Phone() => $"+47 4{random.Next(10, 99)} {random.Next(10, 99)} {random.Next(100, 999)}";

    /// <summary>Rows for one table, written as multi-row INSERTs within the parameter limits of every engine.</summary>
    private sealed class Batch(HrSampleDataGenerator owner, string table, string[] columns)
    {
        private readonly List<object?[]> rows = [];

        public bool Full => (rows.Count + 1) * columns.Length > MaxParametersPerStatement;

        public void Add(params object?[] values) => rows.Add(values.Select(v => v is int i ? (long)i : v).ToArray());

        public async Task FlushAsync(DbTransaction transaction, CancellationToken cancellationToken)
        {
            var dialect = owner.sql;
            var perStatement = MaxParametersPerStatement / columns.Length;
            for (var offset = 0; offset < rows.Count; offset += perStatement)
            {
                var chunk = rows.Skip(offset).Take(perStatement).ToList();
                var statement = new SqlStatement(dialect);
                var values = string.Join(", ", chunk.Select(r => "(" + string.Join(", ", r.Select(statement.Add)) + ")"));
                var insert = $"INSERT INTO {dialect.Quote(table)} ({string.Join(", ", columns.Select(dialect.Quote))}) VALUES {values}";
                await using var command = statement.CreateCommand(owner.db, transaction, insert);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            rows.Clear();
        }
    }
}
