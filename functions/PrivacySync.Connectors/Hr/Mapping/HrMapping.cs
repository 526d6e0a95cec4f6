using Newtonsoft.Json;

namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>
/// The declarative description of one HR database: which tables hold a subject's data, how the subject is
/// found, what each column is, and what erasure does to it. Loaded from JSON (see Hr/README.md) and validated
/// against the live schema before any query runs, so identifiers in SQL only ever come from here.
/// </summary>
public sealed record HrMapping
{
    /// <summary>Short name of the database, used in error messages and in the export's source.</summary>
    [JsonProperty(Required = Required.Always)]
    public string Name { get; init; } = "";

    /// <summary>Subject-facing name of the system, e.g. "HR system (payroll and personnel)".</summary>
    public string? Source { get; init; }

    /// <summary>PostgreSQL / SQL Server schema; null for the connection's default. SQLite: null or "main".</summary>
    public string? Schema { get; init; }

    /// <summary>Jurisdiction of the legal entity owning the database ("NO", "SE"); selects retention periods.</summary>
    public string Jurisdiction { get; init; } = "NO";

    /// <summary>Last day of the fiscal year as "MM-dd" (bookkeeping retention runs from it).</summary>
    public string FiscalYearEnd { get; init; } = "12-31";

    public HrNationalIdHashRule? NationalIdHash { get; init; }

    /// <summary>Where retained rows' erasure dates are recorded for the nightly job; null to report only.</summary>
    public HrScheduleMapping? Schedule { get; init; }

    [JsonProperty(Required = Required.Always)]
    public IReadOnlyList<HrTableMapping> Tables { get; init; } = [];
}

/// <summary>How the HR system stores hashed national identity numbers, so the subject's number can be matched.</summary>
public sealed record HrNationalIdHashRule
{
    /// <summary>"hmac-sha256" (key supplied by configuration, never in the mapping) or "sha256" (with optional salt).</summary>
    public string Algorithm { get; init; } = "hmac-sha256";

    /// <summary>"digits" keeps digits only (so "010190 12345" matches "01019012345"); "trim" only trims.</summary>
    public string Normalise { get; init; } = "digits";

    /// <summary>"hex" (lower case) or "base64".</summary>
    public string Encoding { get; init; } = "hex";

    /// <summary>Prefix added before hashing with "sha256"; not secret.</summary>
    public string? Salt { get; init; }
}

public sealed record HrScheduleMapping
{
    public string Table { get; init; } = "privacysync_erasure_schedule";
}

/// <summary>One table. Root tables have a <see cref="Lookup"/>; child tables a <see cref="ForeignKey"/> to their parent's key.</summary>
public sealed record HrTableMapping
{
    [JsonProperty(Required = Required.Always)]
    public string Table { get; init; } = "";

    /// <summary>Readable name of the table for the export ("Payroll").</summary>
    public string? Label { get; init; }

    /// <summary>Single-column key; used for paging and to link children.</summary>
    [JsonProperty(Required = Required.Always)]
    public string Key { get; init; } = "";

    /// <summary>Child tables only: the column referencing the parent's key.</summary>
    public string? ForeignKey { get; init; }

    /// <summary>Root tables only: which columns identify the subject.</summary>
    public HrLookup? Lookup { get; init; }

    /// <summary>Default data category of the columns.</summary>
    [JsonProperty(Required = Required.Always)]
    public string Category { get; init; } = "";

    [JsonProperty(Required = Required.Always)]
    public string Purpose { get; init; } = "";

    [JsonProperty(Required = Required.Always)]
    public string LegalBasis { get; init; } = "";

    /// <summary>Special-category data (GDPR Art. 9, e.g. health); requires <see cref="Article9Condition"/>.</summary>
    public bool SpecialCategory { get; init; }

    /// <summary>The Art. 9(2) condition relied on, e.g. "Art. 9(2)(b) employment and social security law".</summary>
    public string? Article9Condition { get; init; }

    [JsonProperty(Required = Required.Always)]
    public HrErasureRule Erasure { get; init; } = new();

    [JsonProperty(Required = Required.Always)]
    public IReadOnlyList<HrColumnMapping> Columns { get; init; } = [];

    public IReadOnlyList<HrTableMapping> Children { get; init; } = [];

    /// <summary>
    /// A boolean column PrivacySync sets while the subject's processing is restricted (Art. 18) and clears when it is
    /// lifted; the HR system leaves flagged rows out of its processing. A child table without one is held by its
    /// parent's flag.
    /// </summary>
    public string? RestrictionColumn { get; init; }
}

/// <summary>Subject identifiers a root table can be searched by; any of them matches (OR).</summary>
public sealed record HrLookup
{
    /// <summary>Compared case-insensitively with the subject's e-mail addresses.</summary>
    public string? Email { get; init; }

    /// <summary>Compared with <c>SubjectIdentity.EmployeeId</c>.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>Compared with the hash of the subject's national id (<c>SystemIds["national-id"]</c>).</summary>
    public string? NationalIdHash { get; init; }
}

public sealed record HrColumnMapping
{
    [JsonProperty(Required = Required.Always)]
    public string Column { get; init; } = "";

    /// <summary>Readable name used as the field name in the export.</summary>
    [JsonProperty(Required = Required.Always)]
    public string Label { get; init; } = "";

    /// <summary>Overrides the table's category (e.g. bank details inside the employee record).</summary>
    public string? Category { get; init; }

    public string? Purpose { get; init; }

    public string? LegalBasis { get; init; }

    public bool? SpecialCategory { get; init; }

    public string? Article9Condition { get; init; }

    /// <summary>What erasure does to this column in rows that are kept: "keep" (default), "null" or "pseudonymise".</summary>
    public string Erasure { get; init; } = HrColumnErasure.Keep;
}

public static class HrColumnErasure
{
    public const string Keep = "keep";
    public const string Null = "null";
    public const string Pseudonymise = "pseudonymise";
}

/// <summary>What erasure does to a table's rows.</summary>
public sealed record HrErasureRule
{
    /// <summary>
    /// "delete" rows; "retain" rows until <see cref="After"/> + period, then delete; "anonymise" keeps rows and applies
    /// the column actions only; "withParent" rows live and die with their parent row (e.g. payslip lines).
    /// </summary>
    public string Action { get; init; } = HrErasureAction.Delete;

    /// <summary>"retain": the date column the period runs from.</summary>
    public string? After { get; init; }

    /// <summary>"date" (the column's date) or "fiscalYearEnd" (end of the fiscal year containing it).</summary>
    public string Anchor { get; init; } = HrRetentionAnchor.Date;

    public int Years { get; init; }

    public int Months { get; init; }

    /// <summary>Periods that differ by jurisdiction, e.g. bookkeeping: NO 5 years, SE 7 years.</summary>
    public IReadOnlyDictionary<string, HrPeriod>? ByJurisdiction { get; init; }

    /// <summary>The legal basis for keeping the rows, said to the subject.</summary>
    public string? LegalBasis { get; init; }

    /// <summary>"delete" only: rows whose boolean column is true are kept under the nested rule (e.g. consent to keep).</summary>
    public HrKeepIfRule? KeepIf { get; init; }
}

public sealed record HrPeriod(int Years = 0, int Months = 0);

/// <summary>Rows with <see cref="Column"/> = true are retained after <see cref="After"/> + period on <see cref="LegalBasis"/>.</summary>
public sealed record HrKeepIfRule
{
    [JsonProperty(Required = Required.Always)]
    public string Column { get; init; } = "";

    [JsonProperty(Required = Required.Always)]
    public string After { get; init; } = "";

    public int Years { get; init; }

    public int Months { get; init; }

    [JsonProperty(Required = Required.Always)]
    public string LegalBasis { get; init; } = "";
}

public static class HrErasureAction
{
    public const string Delete = "delete";
    public const string Retain = "retain";
    public const string Anonymise = "anonymise";
    public const string WithParent = "withParent";
}

public static class HrRetentionAnchor
{
    public const string Date = "date";
    public const string FiscalYearEnd = "fiscalYearEnd";
}
