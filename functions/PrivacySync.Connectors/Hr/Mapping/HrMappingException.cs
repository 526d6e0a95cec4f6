namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>The mapping does not fit itself or the live schema; raised at start, before any subject is touched.</summary>
public sealed class HrMappingException(string mappingName, IReadOnlyList<string> errors)
    : Exception($"HR mapping '{mappingName}' is invalid:{Environment.NewLine} - {string.Join(Environment.NewLine + " - ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
