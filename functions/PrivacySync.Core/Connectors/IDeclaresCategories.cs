namespace PrivacySync.Core.Connectors;

/// <summary>
/// Optional addition to <see cref="IConnector"/>: the category names the connector reports, so the start-up check can
/// say which of them no configured category covers (those are described with the connector's built-in defaults).
/// </summary>
public interface IDeclaresCategories
{
    IReadOnlyCollection<string> ReportedCategories { get; }
}
