using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Demo;

/// <summary>What the demo needs of endpoints.json (written by ./run.sh demo and ./run.sh serve). <see cref="Api"/> ends in /api/.</summary>
/// <see cref="Teams"/> is the sandbox's Workflows webhook sink, when one runs.
internal sealed record LocalEndpoints(Uri Api, string FunctionKey, IReadOnlyList<string> Officers, Uri? Teams = null)
{
    public static LocalEndpoints Read(string path)
    {
        var json = JObject.Parse(File.ReadAllText(path));
        var api = (string?)json["api"] ?? throw new InvalidOperationException($"{path}: 'api' is missing.");
        var key = (string?)json["functionKey"] ?? throw new InvalidOperationException($"{path}: 'functionKey' is missing.");
        var officers = json["officers"]?.Values<string>().OfType<string>().ToList() ?? [];
        if (officers.Count < 2)
        {
            throw new InvalidOperationException($"{path}: 'officers' needs two officer ids (one submits, another approves the erasure).");
        }

        var teams = (string?)json["teams"] is { Length: > 0 } sink ? new Uri(sink.TrimEnd('/') + "/") : null;
        return new LocalEndpoints(new Uri(api.TrimEnd('/') + "/"), key, officers, teams);
    }
}
