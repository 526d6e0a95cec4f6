namespace PrivacySync.Tests.Core.Requests;

/// <summary>
/// The hostile corpus: identifier values that must never reach a system as given — query operators hidden in a quoted
/// local part, comments, invisible and bidirectional characters, broken UTF-16. Shared by the intake, CLI and connector
/// tests so every layer is tried with the same values.
/// </summary>
public static class HostileIdentifiers
{
    /// <summary>The reported injection: a quoted local part that Graph's $search read as three OR-ed terms.</summary>
    public const string QuotedOperators = "\"x OR received>=2000-01-01 OR y\"@example.com";

    /// <summary>Values a connector may be handed directly (bypassing intake): none may widen a query or act on anyone.</summary>
    public static IReadOnlyList<string> ForConnectors { get; } =
    [
        QuotedOperators,
        "x OR received>=2000-01-01 OR y@example.com",
        "recipients:*",
        "x' or mail ne 'y@example.com",
        "*@example.com",
        "kari\u200B@example.com",
        "' OR '1'='1",
    ];

    /// <summary>(case, form field, value): every one is refused at intake with a message on that field.</summary>
    public static TheoryData<string, string, string> AtIntake() => new()
    {
        { "quoted local part with KQL operators", "subjectEmail", QuotedOperators },
        { "quoted local part", "subjectEmail", "\"kari\"@example.com" },
        { "comment in the address", "subjectEmail", "kari(comment)@example.com" },
        { "IP literal domain", "subjectEmail", "kari@[127.0.0.1]" },
        { "leading dot", "subjectEmail", ".kari@example.com" },
        { "double dot", "subjectEmail", "ka..ri@example.com" },
        { "space and OR", "subjectEmail", "x OR y@example.com" },
        { "backslash", "subjectEmail", "ka\\ri@example.com" },
        { "two at signs", "subjectEmail", "kari@evil@example.com" },
        { "zero-width space in the address", "subjectEmail", "kari\u200B@example.com" },
        { "byte order mark before the address", "subjectEmail", "\uFEFFkari@example.com" },
        { "soft hyphen in the address", "subjectEmail", "ka\u00ADri@example.com" },
        { "right-to-left override in the address", "subjectEmail", "kari\u202E@example.com" },
        { "lone surrogate in the address", "subjectEmail", "kari\uD800@example.com" },
        { "right-to-left override in the name", "subjectName", "Kari \u202ENnamdroN" },
        { "zero-width joiner in the name", "subjectName", "Ka\u200Dri Nordmann" },
        { "line separator in the name", "subjectName", "Kari\u2028Nordmann" },
        { "private-use character in the name", "subjectName", "Kari \uE000" },
        { "lone surrogate in the name", "subjectName", "Kari \uDC00" },
        { "zero-width joiner in the employee id", "employeeId", "E-10\u200D01" },
        { "NUL in the employee id", "employeeId", "E-1001\u0000" },
        { "first-strong isolate in the phone", "subjectPhone", "\u2068+47 412 34 567" },
    };
}
