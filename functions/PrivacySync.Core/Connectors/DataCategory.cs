namespace PrivacySync.Core.Connectors;

/// <summary>A category of personal data found for the subject in one system, with why it is processed.</summary>
public sealed record DataCategory(string Name, long RecordCount, string Purpose, string LegalBasis, string? Retention = null);
