using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The request form in nb, sv or en from its one template (request-form.json), its texts (request-form.text.json) and
/// the configuration's legal entities, so the form's entity choices are the ids SubmitRequest accepts.
/// </summary>
public static class RequestFormBuilder
{
    public const string TextFile = "request-form.text.json";

    public static RequestFormCard Build(PrivacySyncOptions configuration, Language language, CardTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(templates);
        var code = language.ToWire();
        var text = (JObject)(templates.ReadData(TextFile)[code] ?? throw new InvalidOperationException($"{TextFile} has no texts for '{code}'."));
        string T(string key) => (string?)text[key] ?? throw new InvalidOperationException($"{TextFile} has no '{key}' for '{code}'.");

        var entities = configuration.LegalEntities
            .Select(e => new Choice(e.IsProcessor ? $"{e.Name} ({e.Id}; acts for a controller)" : $"{e.Name} ({e.Id})", e.Id!))
            .ToList();
        return new RequestFormCard(
            code,
            text,
            [.. WireNames.All<RequestType>().Select(t => new Choice(T(t), t))],
            entities,
            [new("Norsk bokmål", "nb"), new("Svenska", "sv"), new("English", "en")],
            [.. WireNames.All<IdentityVerification>().Select(v => new Choice(T(v), v))],
            [.. WireNames.All<RestrictionGround>().Select(g => new Choice(T(g), g))]);
    }
}
