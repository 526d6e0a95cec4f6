namespace PrivacySync.Core.Assembly;

/// <summary>How a request ended once every system has reported.</summary>
public enum RequestCompletion
{
    Completed,
    CompletedWithExceptions,
}

public enum RequestExceptionKind
{
    /// <summary>No system reported at all; nothing can be confirmed.</summary>
    NoSystems,
    SystemFailed,
    CategoryFailed,
    ManualActionRequired,

    /// <summary>The system refused a step (a field it does not let correct); an officer does it by hand if the system holds it.</summary>
    Refused,
}

/// <summary>One thing a privacy officer has to follow up; texts come from connectors and never hold subject data.</summary>
public sealed record RequestException(string? SystemId, string? SystemName, string? Category, RequestExceptionKind Kind, string Detail)
{
    public override string ToString()
    {
        var where = (SystemName, Category) switch
        {
            (null, _) => "Request",
            (_, null) => SystemName,
            _ => $"{SystemName} / {Category}",
        };
        var what = Kind switch
        {
            RequestExceptionKind.NoSystems => "no system results",
            RequestExceptionKind.SystemFailed => "system failed",
            RequestExceptionKind.CategoryFailed => "failed",
            RequestExceptionKind.ManualActionRequired => "manual action required",
            RequestExceptionKind.Refused => "refused",
            _ => Kind.ToString(),
        };
        return $"{where}: {what} — {Detail}";
    }
}

public sealed record RequestOutcomeSummary(RequestCompletion Completion, IReadOnlyList<RequestException> Exceptions)
{
    public const string CompletedStatus = "completed";
    public const string CompletedWithExceptionsStatus = "completed-with-exceptions";

    /// <summary>The status as named on the wire and in documents.</summary>
    public string Status => Completion == RequestCompletion.Completed ? CompletedStatus : CompletedWithExceptionsStatus;
}
