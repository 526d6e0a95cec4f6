using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Decides whether a request completed cleanly: any failed system, failed category or manual action makes it
/// "completed with exceptions", and each exception is listed so the office can act on it.
/// </summary>
public static class RequestOutcomeSummarizer
{
    public static RequestOutcomeSummary Summarize(IReadOnlyList<SystemResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var exceptions = new List<RequestException>();
        if (results.Count == 0)
        {
            // Confirming "done" when no system was asked would be a false statement to the subject.
            exceptions.Add(new RequestException(null, null, null, RequestExceptionKind.NoSystems, "No system reported a result for this request."));
        }

        foreach (var system in results)
        {
            if (system.IsFailed)
            {
                exceptions.Add(new RequestException(
                    system.SystemId,
                    system.SystemName,
                    null,
                    RequestExceptionKind.SystemFailed,
                    string.IsNullOrWhiteSpace(system.Error) ? $"The task ended with status '{system.Status}' and no reason." : system.Error));
            }

            foreach (var category in system.Categories)
            {
                // A refused step (a field the system does not let correct) is followed up like a manual one.
                var kind = category.Kind switch
                {
                    OutcomeKind.Failed => RequestExceptionKind.CategoryFailed,
                    OutcomeKind.ManualActionRequired => RequestExceptionKind.ManualActionRequired,
                    OutcomeKind.Refused => RequestExceptionKind.Refused,
                    _ => (RequestExceptionKind?)null,
                };
                if (kind is { } exception)
                {
                    var detail = exception == RequestExceptionKind.ManualActionRequired
                        ? category.Instructions ?? "No instructions given."
                        : category.Reason ?? "No reason given.";
                    exceptions.Add(new RequestException(system.SystemId, system.SystemName, category.Category, exception, detail));
                }
            }
        }

        return new RequestOutcomeSummary(
            exceptions.Count == 0 ? RequestCompletion.Completed : RequestCompletion.CompletedWithExceptions,
            exceptions);
    }
}
