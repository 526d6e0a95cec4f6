namespace PrivacySync.Core.Connectors;

/// <summary>
/// Names of the subject's identifiers as connectors report what matched and officers name what to drop. Names, never
/// values: they travel in task rows, audit events and the API.
/// </summary>
public static class SubjectIdentifiers
{
    /// <summary>The primary identifier: the address the request was made for.</summary>
    public const string Email = "email";

    public const string AdditionalEmail = "additional-email";

    public const string EmployeeId = "employee-id";

    public const string NationalId = "national-id";

    public const string Phone = "phone";

    public const string Name = "name";

    /// <summary>A system's own id for the subject carried by the request (e.g. a Microsoft 365 object id).</summary>
    public const string SystemId = "system-id";

    /// <summary>The identifiers an officer may drop from a system's task (the primary email cannot be dropped).</summary>
    public static readonly IReadOnlyList<string> Droppable = [AdditionalEmail, EmployeeId, NationalId, Phone, Name, SystemId];

    /// <summary>The subject without <paramref name="identifier"/>; unknown names change nothing.</summary>
    public static SubjectIdentity Without(this SubjectIdentity subject, string identifier) => identifier switch
    {
        AdditionalEmail => subject with { AdditionalEmails = null },
        EmployeeId => subject with { EmployeeId = null },
        Phone => subject with { Phone = null },
        Name => subject with { Name = null },
        NationalId => subject with { SystemIds = subject.SystemIds?.Where(p => p.Key != NationalId).ToDictionary(p => p.Key, p => p.Value) },
        SystemId => subject with { SystemIds = subject.SystemIds?.Where(p => p.Key == NationalId).ToDictionary(p => p.Key, p => p.Value) },
        _ => subject,
    };
}
