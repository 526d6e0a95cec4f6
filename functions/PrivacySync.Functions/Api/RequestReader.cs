using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Functions.Api;

/// <summary>Reads a request and its tasks into the GetRequest view (also DecideRequest's answer).</summary>
internal static class RequestReader
{
    public static async Task<JObject?> ReadDetailAsync(IServiceProvider services, string requestId, CancellationToken ct)
    {
        var stored = await services.GetRequiredService<IRequestStore>().GetAsync(requestId, ct);
        if (stored is null)
        {
            return null;
        }

        var tasks = await services.GetRequiredService<ITaskStore>().ListAsync(requestId, ct);
        return services.GetRequiredService<RequestViews>().Detail(stored.Value, tasks.Select(t => t.Value));
    }
}
