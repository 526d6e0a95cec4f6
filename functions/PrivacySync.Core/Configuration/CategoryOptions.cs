using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>A category of personal data in one system: why it is processed, on what basis, and what erasure does.</summary>
public sealed record CategoryOptions
{
    public string? Name { get; init; }

    public string? Purpose { get; init; }

    /// <summary>The GDPR article relied on, e.g. "Art. 6(1)(b)" or "Art. 6(1)(c) and Art. 9(2)(b)".</summary>
    public string? LegalBasis { get; init; }

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

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}");
        return true;
    }
}
