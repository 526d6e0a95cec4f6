using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Demo;

/// <summary>An officer's sandbox account from endpoints.json.</summary>
internal sealed record OfficerAccount(string Id, string ObjectId, string Username, string Password);

/// <summary>
/// What the demo needs of endpoints.json (written by ./run.sh demo and ./run.sh serve): the API (ends in /api/), the
/// sandbox issuer's token endpoint, scope and script client, and the demo entity's officers. <see cref="Teams"/> is the
/// sandbox's Workflows webhook sink, when one runs.
/// </summary>
internal sealed record LocalEndpoints(Uri Api, Uri TokenEndpoint, string Scope, string ScriptClientId, IReadOnlyList<OfficerAccount> Officers, Uri? Teams = null)
{
    public static LocalEndpoints Read(string path)
    {
        var json = JObject.Parse(File.ReadAllText(path));
        var api = (string?)json["api"] ?? throw new InvalidOperationException($"{path}: 'api' is missing.");
        var entra = json["entra"] as JObject ?? throw new InvalidOperationException($"{path}: 'entra' (the sandbox issuer) is missing.");
        var demoEntity = (string?)json["demoEntity"];
        var entity = (json["entities"] as JArray ?? []).Children<JObject>().FirstOrDefault(e => (string?)e["id"] == demoEntity)
            ?? throw new InvalidOperationException($"{path}: the demo entity '{demoEntity}' is not among 'entities'.");
        var officers = (entity["officers"] as JArray ?? []).Children<JObject>()
            .Select(o => new OfficerAccount((string)o["id"]!, (string)o["objectId"]!, (string)o["username"]!, (string)o["password"]!))
            .ToList();
        if (officers.Count < 2)
        {
            throw new InvalidOperationException($"{path}: the demo entity needs two officers (one submits, another approves the erasure).");
        }

        var teams = (string?)json["teams"] is { Length: > 0 } sink ? new Uri(sink.TrimEnd('/') + "/") : null;
        return new LocalEndpoints(
            new Uri(api.TrimEnd('/') + "/"),
            new Uri((string)entra["tokenEndpoint"]!),
            (string)entra["scope"]!,
            (string)entra["scriptClientId"]!,
            officers,
            teams);
    }
}
