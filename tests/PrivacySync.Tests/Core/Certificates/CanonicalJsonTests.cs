using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void SortsPropertiesRecursivelyAndDropsWhitespace()
    {
        var token = JObject.Parse("""
            {
              "b": [ { "z": 1, "a": true }, null ],
              "a": { "y": "x", "B": -42 },
              "é": "v",
              "Z": "upper before lower"
            }
            """);

        Assert.Equal("""{"Z":"upper before lower","a":{"B":-42,"y":"x"},"b":[{"a":true,"z":1},null],"é":"v"}""", CanonicalJson.Serialize(token));
    }

    [Fact]
    public void PropertyOrderAndFormattingDoNotChangeTheBytes()
    {
        var first = JObject.Parse("""{"id":"c-1","systems":[{"name":"HubSpot","outcome":"erased","count":3}],"issuedAt":"2026-02-20T08:00:00.000Z"}""");
        var second = JObject.Parse("""
            {
                "issuedAt" : "2026-02-20T08:00:00.000Z",
                "systems" : [ { "count" : 3, "outcome" : "erased", "name" : "HubSpot" } ],
                "id" : "c-1"
            }
            """);

        Assert.Equal(CanonicalJson.ToUtf8Bytes(first), CanonicalJson.ToUtf8Bytes(second));
    }

    [Fact]
    public void ArrayOrderIsSignificant()
    {
        Assert.NotEqual(CanonicalJson.Serialize(JArray.Parse("[1,2]")), CanonicalJson.Serialize(JArray.Parse("[2,1]")));
    }

    [Fact]
    public void EscapesOnlyWhatJsonRequires()
    {
        var token = new JObject { ["s"] = "quote\" backslash\\ tab\t newline\n bell\u0007 slash/ æøå 🙂" };

        Assert.Equal("{\"s\":\"quote\\\" backslash\\\\ tab\\t newline\\n bell\\u0007 slash/ æøå 🙂\"}", CanonicalJson.Serialize(token));
        Assert.Equal("æøå 🙂"u8.ToArray(), CanonicalJson.ToUtf8Bytes(new JValue("æøå 🙂"))[1..^1]);
    }

    [Fact]
    public void NumbersAreInvariant()
    {
        var token = new JObject { ["i"] = 1234567890123L, ["d"] = 0.1, ["n"] = -5 };

        Assert.Equal("""{"d":0.1,"i":1234567890123,"n":-5}""", CanonicalJson.Serialize(token));
    }

    [Fact]
    public void ValuesWithoutACanonicalFormAreRejected()
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JObject { ["x"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JObject { ["x"] = new byte[] { 1, 2 } }));
    }
}
