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
                switch (category.Kind)
                {
                    case OutcomeKind.Failed:
                        exceptions.Add(new RequestException(
                            system.SystemId,
                            system.SystemName,
                            category.Category,
                            RequestExceptionKind.CategoryFailed,
                            category.Reason ?? "No reason given."));
                        break;
                    case OutcomeKind.ManualActionRequired:
                        exceptions.Add(new RequestException(
                            system.SystemId,
                            system.SystemName,
                            category.Category,
                            RequestExceptionKind.ManualActionRequired,
                            category.Instructions ?? "No instructions given."));
                        break;
                    case OutcomeKind.Refused:
                        exceptions.Add(new RequestException(
                            system.SystemId,
                            system.SystemName,
                            category.Category,
                            RequestExceptionKind.Refused,
                            category.Reason ?? "No reason given."));
                        break;
                }
            }
        }

        return new RequestOutcomeSummary(
            exceptions.Count == 0 ? RequestCompletion.Completed : RequestCompletion.CompletedWithExceptions,
            exceptions);
    }
}
