namespace PrivacySync.Core.Connectors;

/// <summary>What was done to one data category in one system.</summary>
public enum OutcomeKind
{
    Exported,
    Erased,
    Anonymised,
    NotFound,
    Retained,
    ManualActionRequired,
    Unsubscribed,
    Failed,
}
