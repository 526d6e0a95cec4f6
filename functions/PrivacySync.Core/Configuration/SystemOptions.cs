using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>A connected system (one HubSpot portal, one Microsoft 365 tenant, one HR database…).</summary>
public sealed record SystemOptions
{
    public string? Id { get; init; }

    /// <summary>Connector kind, one the app installs (<see cref="IConnectorKindSettings.Name"/>).</summary>
    public string? Kind { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The system's name as the subject reads it, per language; <see cref="DisplayName"/> when absent.</summary>
    public LocalizedText? SubjectName { get; init; }

    /// <summary>Days after which the system's backups are overwritten: the erasure letter says erased data leaves backups by then.</summary>
    public int? BackupRetentionDays { get; init; }

    [JsonProperty("EnabledRequestTypes")]
    public IReadOnlyList<string> RawEnabledRequestTypes { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyList<RequestType> EnabledRequestTypes
    {
        get => RawEnabledRequestTypes.Select(WireNames.Parse<RequestType>).ToList();
        init => RawEnabledRequestTypes = value.Select(t => t.ToWire()).ToList();
    }

    public string? Endpoint { get; init; }

    /// <summary>
    /// The name of the app setting (or Key Vault reference setting) holding the credential — never the credential:
    /// hubspot the private-app token, microsoft365 the client secret / certificate password / static token, hr-sql
    /// the connection string, hr-rest the HMAC signing key.
    /// </summary>
    public string? CredentialReference { get; init; }

    [JsonProperty("Queue")]
    public string? RawQueue { get; init; }

    [JsonIgnore]
    public TaskQueue Queue
    {
        get => WireNames.Parse<TaskQueue>(RawQueue);
        init => RawQueue = value.ToWire();
    }

    /// <summary>Legal entity ids the system holds data for; empty means all.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [];

    public IReadOnlyList<CategoryOptions> Categories { get; init; } = [];

    /// <summary>The fields this system allows rectifying and where it keeps each; empty means none.</summary>
    public IReadOnlyList<RectifiableFieldOptions> Rectification { get; init; } = [];

    public RectifiableFieldOptions? FindRectifiable(string field) =>
        Rectification.FirstOrDefault(f => string.Equals(f.Field, field, StringComparison.Ordinal));

    /// <summary>
    /// Kind-specific settings (rate tier, tenant, mapping file…) as written, read and checked by the system's kind
    /// (<see cref="IConnectorKindSettings"/>); optional for kinds whose defaults suffice. Secrets are never here: every
    /// <c>…Setting</c> names an app setting that holds the value.
    /// </summary>
    public JObject? Connector { get; init; }

    public bool Serves(string entityId) => Entities.Count == 0 || Entities.Contains(entityId, StringComparer.Ordinal);

    public CategoryOptions? FindCategory(string name) =>
        Categories.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The configured category that covers a category as the connector names it, or null when none does.</summary>
    public CategoryOptions? CategoryCovering(string connectorCategory) =>
        Categories.FirstOrDefault(c => string.Equals(c.Name, connectorCategory, StringComparison.OrdinalIgnoreCase))
        ?? Categories.FirstOrDefault(c => c.Covers(connectorCategory));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Kind = {Kind}");
        return true;
    }
}
