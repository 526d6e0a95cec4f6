using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// A category of personal data in one system, as the subject is told about it (GDPR Art. 15(1)): why it is processed,
/// on what basis, what data, who receives it, where it came from, how long it is kept, and what erasure does. This is
/// the one source of truth: a connector's built-in purposes and retention texts are used only for the connector
/// categories no configured category covers (the start-up check lists them).
/// </summary>
public sealed record CategoryOptions
{
    public string? Name { get; init; }

    /// <summary>What the subject reads as the category's name; the <see cref="Name"/> when absent.</summary>
    public LocalizedText? DisplayName { get; init; }

    /// <summary>The connector's own category names this category covers (e.g. HubSpot "deals", HR "Payroll"); matched case-insensitively, as is <see cref="Name"/>.</summary>
    public IReadOnlyList<string> ConnectorCategories { get; init; } = [];

    public LocalizedText? Purpose { get; init; }

    /// <summary>The GDPR article relied on, e.g. "Art. 6(1)(b) (contract)"; every language's text must cite one.</summary>
    public LocalizedText? LegalBasis { get; init; }

    /// <summary>The kinds of personal data concerned (Art. 15(1)(b)), e.g. "name, e-mail, phone".</summary>
    public LocalizedText? PersonalData { get; init; }

    /// <summary>Who receives the data (Art. 15(1)(c)): named processors and, outside the EEA, the safeguard relied on (Art. 15(2)).</summary>
    public IReadOnlyList<RecipientOptions> Recipients { get; init; } = [];

    /// <summary>Where the data came from (Art. 15(1)(g)), e.g. "from you, when you signed up on our website".</summary>
    public LocalizedText? Source { get; init; }

    /// <summary>Automated decisions or profiling with this data (Art. 15(1)(h)); absent means the office states there are none.</summary>
    public LocalizedText? AutomatedDecisions { get; init; }

    [JsonProperty("ErasureAction")]
    public string? RawErasureAction { get; init; }

    [JsonIgnore]
    public ErasureAction ErasureAction
    {
        get => WireNames.Parse<ErasureAction>(RawErasureAction);
        init => RawErasureAction = value.ToWire();
    }

    /// <summary>Name of a rule in <see cref="PrivacySyncOptions.Retention"/>; required when the data is retained.</summary>
    public string? RetentionRule { get; init; }

    /// <summary>
    /// A rule per jurisdiction ("NO" → "bookkeeping-no", "SE" → "bookkeeping-se") for a system serving entities of
    /// several countries; the request's entity's jurisdiction picks one, <see cref="RetentionRule"/> is the fallback.
    /// </summary>
    public IReadOnlyDictionary<string, string> RetentionRules { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether <paramref name="connectorCategory"/> (as a connector names it) belongs to this category.</summary>
    public bool Covers(string connectorCategory) =>
        string.Equals(Name, connectorCategory, StringComparison.OrdinalIgnoreCase)
        || ConnectorCategories.Contains(connectorCategory, StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule that applies for an entity of <paramref name="jurisdiction"/> ("NO", "SE").</summary>
    public string? RuleFor(string? jurisdiction) =>
        jurisdiction is not null && RetentionRules.TryGetValue(jurisdiction, out var rule) ? rule : RetentionRule;

    /// <summary>Every rule name this category refers to.</summary>
    [JsonIgnore]
    public IEnumerable<string> AllRules => RetentionRules.Values.Concat(RetentionRule is null ? [] : [RetentionRule]);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}");
        return true;
    }
}

/// <summary>A recipient of a category's data: a named processor or a category of recipients.</summary>
public sealed record RecipientOptions
{
    /// <summary>E.g. "HubSpot, Inc." or "The Norwegian Tax Administration".</summary>
    public string? Name { get; init; }

    /// <summary>What they do with it, e.g. "CRM hosting (processor)".</summary>
    public LocalizedText? Role { get; init; }

    /// <summary>ISO 3166 country code where the data is processed (e.g. "NO", "IE", "US").</summary>
    public string? Country { get; init; }

    /// <summary>The transfer safeguard (Art. 46), required for a country outside the EEA, e.g. "EU Standard Contractual Clauses".</summary>
    public LocalizedText? Safeguard { get; init; }

    /// <summary>The EEA (EU + Iceland, Liechtenstein, Norway): transfers there need no Art. 46 safeguard.</summary>
    public static readonly IReadOnlySet<string> Eea = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    [JsonIgnore]
    public bool OutsideEea => Country is not null && !Eea.Contains(Country);
}
