using System.Globalization;
using PrivacySync.Core.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>Invariant text forms shared by packages, certificates and confirmations, so the same value always reads the same.</summary>
internal static class WireFormat
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Outcome(OutcomeKind kind) => kind.ToWire();

    /// <summary>
    /// A field value as plain text: strings as they are, numbers and dates invariant, nested values as compact JSON,
    /// null as null. Used for CSV cells and HTML table cells alike.
    /// </summary>
    public static string? FieldText(JToken? token) => token switch
    {
        null => null,
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } value => (string?)value.Value,
        JValue { Type: JTokenType.Boolean } value => (bool)value.Value! ? "true" : "false",
        JValue { Value: DateTime dateTime } => dateTime.ToString("O", CultureInfo.InvariantCulture),
        JValue { Value: DateTimeOffset offset } => offset.ToString("O", CultureInfo.InvariantCulture),
        JValue { Value: IFormattable formattable } => formattable.ToString(null, CultureInfo.InvariantCulture),
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => token.ToString(Formatting.None),
    };

    /// <summary>Reads JSON that this code wrote without reinterpreting it: dates stay strings, decimals keep their digits.</summary>
    public static JsonTextReader Reader(TextReader text) => new(text)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
    };

    public static JObject ParseObject(string json)
    {
        using var reader = Reader(new StringReader(json));
        return JObject.Load(reader);
    }
}
