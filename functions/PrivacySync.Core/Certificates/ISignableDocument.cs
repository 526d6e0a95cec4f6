using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>A document that goes out signed in the common envelope (deletion certificate, objection confirmation).</summary>
public interface ISignableDocument
{
    /// <summary>The body to sign; it names its own documentType so one kind cannot pass for another.</summary>
    JObject ToJson();
}
