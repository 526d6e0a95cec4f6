using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Core.Certificates;

internal static class CertificateTestJson
{
    /// <summary>Parses an envelope as a careful reader would: date-like strings stay strings.</summary>
    public static JObject ParseVerbatim(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
