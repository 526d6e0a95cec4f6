namespace PrivacySync.Sandbox.HrDatabase;

/// <summary>One fictional employee to seed; unset identifiers are generated (example.com e-mails).</summary>
public sealed record HrSampleEmployee
{
    public string? Email { get; init; }

    public string? EmployeeNumber { get; init; }

    /// <summary>Stored hashed with the mapping's national-id rule.</summary>
    public string? NationalId { get; init; }

    public DateOnly EmploymentStart { get; init; } = new(2018, 1, 1);

    public DateOnly? EmploymentEnd { get; init; }

    public IReadOnlyList<DateOnly> PayDates { get; init; } = [];

    public int LinesPerPayslip { get; init; } = 3;

    /// <summary>End dates of holiday/leave absences (each 5 days long).</summary>
    public IReadOnlyList<DateOnly> AbsencesEnding { get; init; } = [];

    /// <summary>End dates of sick-leave periods; null = still on sick leave.</summary>
    public IReadOnlyList<DateOnly?> SickLeaveEnding { get; init; } = [];

    public IReadOnlyList<DateOnly> TrainingsCompleted { get; init; } = [];

    public string? TrainingCourse { get; init; }
}

public sealed record HrSampleApplicant
{
    public string? Email { get; init; }

    public DateOnly AppliedAt { get; init; } = new(2025, 3, 1);

    public bool ConsentToKeep { get; init; }
}

/// <summary>What was seeded, so a test or demo can find the subject again.</summary>
public sealed record HrSeededEmployee(long EmployeeId, string Email, string EmployeeNumber, string NationalId, string FirstName, string LastName);

public sealed record HrSeededApplicant(long ApplicantId, string Email, string FullName);
