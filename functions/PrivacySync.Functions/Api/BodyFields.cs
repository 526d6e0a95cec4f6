using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Api;

/// <summary>
/// Reads the string fields of a JSON body and collects every problem (so a caller sees all of them at once).
/// Field names in errors are the body's own property names. Values are never quoted back: they may be personal data.
/// Every string is refused if it holds invisible or non-printing characters (<see cref="IdentifierText"/>) and is
/// otherwise returned NFC-normalised and trimmed.
/// </summary>
internal sealed class BodyFields(JObject body)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public List<ApiError> Errors { get; } = [];

    public void Add(string field, string message) => Errors.Add(new ApiError(field, message));

    /// <summary>A string that must be present and not blank; returned trimmed, null when invalid.</summary>
    public string? Required(string name, int maxLength, bool multiline = false)
    {
        var value = Read(name, maxLength, multiline);
        if (value is null && !HasError(name))
        {
            Add(name, "is required");
        }

        return value;
    }

    /// <summary>A string that may be absent, null or empty (forms send empty inputs as ""); returned trimmed.</summary>
    public string? Optional(string name, int maxLength, bool multiline = false) => Read(name, maxLength, multiline);

    /// <summary>A required plain id (officer ids, entity ids): never an email address.</summary>
    public string? RequiredPlainId(string name, string what)
    {
        var value = Required(name, 64);
        if (value is null)
        {
            return null;
        }

        if (PersonalDataGuard.LooksLikeEmail(value))
        {
            Add(name, $"must be {what}, not an email address");
            return null;
        }

        if (!PlainId.IsValid(value))
        {
            Add(name, $"must be {what} ({PlainId.Rule})");
            return null;
        }

        return value;
    }

    /// <summary>A required value out of an enum's wire names (exactly as written, e.g. "access").</summary>
    public TEnum? RequiredChoice<TEnum>(string name) where TEnum : struct, Enum => Choice<TEnum>(Required(name, 64), name);

    public TEnum? OptionalChoice<TEnum>(string name) where TEnum : struct, Enum => Choice<TEnum>(Optional(name, 64), name);

    /// <summary>Adds "unknown property" for every property no reader asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var property in body.Properties().Where(p => !_known.Contains(p.Name)))
        {
            Add(property.Name, "is not a known property");
        }
    }

    private TEnum? Choice<TEnum>(string? text, string name) where TEnum : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        if (WireNames.All<TEnum>().Contains(text, StringComparer.Ordinal))
        {
            return WireNames.Parse<TEnum>(text);
        }

        Add(name, $"must be {WireNames.Describe<TEnum>()}");
        return null;
    }

    private string? Read(string name, int maxLength, bool multiline)
    {
        _known.Add(name);
        var token = body[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Add(name, "must be a string");
            return null;
        }

        var value = (string)token!;
        if (IdentifierText.Problem(value, multiline) is { } problem)
        {
            Add(name, problem);
            return null;
        }

        value = IdentifierText.Normalise(value).Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Add(name, $"must be at most {maxLength} characters");
            return null;
        }

        return value;
    }

    private bool HasError(string name) => Errors.Any(e => e.Field == name);
}
