using Newtonsoft.Json.Linq;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Api;

/// <summary>Reads a request and its tasks into the GetRequest view (also DecideRequest's answer).</summary>
public sealed class RequestReader(IRequestStore requests, ITaskStore tasks, RequestViews views)
{
    public async Task<JObject?> ReadDetailAsync(string requestId, CancellationToken ct) => (await ReadAsync(requestId, ct))?.View;

    /// <summary>The stored request (whose entity decides who may see it) with its view.</summary>
    public async Task<(DataSubjectRequest Request, JObject View)?> ReadAsync(string requestId, CancellationToken ct)
    {
        var stored = await requests.GetAsync(requestId, ct);
        if (stored is null)
        {
            return null;
        }

        var planned = await tasks.ListAsync(requestId, ct);
        return (stored.Value, views.Detail(stored.Value, planned.Select(t => t.Value)));
    }
}
