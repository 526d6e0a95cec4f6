using System.Diagnostics;
using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Seeding;

namespace PrivacySync.Sandbox.Demo;

/// <summary>What a privacy officer does through the API: submit the Teams form's JSON, decide, follow, download.</summary>
internal sealed class OfficerDesk(JsonApi api, TextWriter output, bool redraw)
{
    private static readonly string[] Finished = ["completed", "completed-with-exceptions", "rejected"];

    /// <summary>The form as the Teams Workflows flow posts it: the card's inputs plus submissionId and submittedBy.</summary>
    public static JObject Form(string requestType, string submittedBy, string notes) => new()
    {
        ["requestType"] = requestType,
        ["subjectName"] = DemoPersona.Name,
        ["subjectEmail"] = DemoPersona.Email,
        ["subjectPhone"] = DemoPersona.Phone,
        ["employeeId"] = DemoPersona.EmployeeNumber,
        ["legalEntity"] = DemoPersona.LegalEntity,
        ["language"] = "en",
        // UTC's date is never ahead of Norway's, so it is never "in the future" for the entity.
        ["receivedOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["identityVerification"] = "bankid",
        ["notes"] = notes,
        ["submissionId"] = $"demo-{requestType}-{Guid.NewGuid():N}",
        ["submittedBy"] = submittedBy,
    };

    public async Task<string> SubmitAsync(JObject form, CancellationToken ct)
    {
        var answer = await api.PostAsync("requests", form, ct, HttpStatusCode.Accepted, HttpStatusCode.OK);
        var id = (string?)answer["requestId"] ?? throw new JsonApiException("SubmitRequest answered without a requestId.");
        output.WriteLine($"  → {id}: {(string?)answer["status"]}, due {(string?)answer["dueOn"]}");
        return id;
    }

    public async Task DecideAsync(string requestId, string decision, string officer, string reason, CancellationToken ct)
    {
        var answer = await api.PostAsync($"requests/{requestId}/decision",
            new JObject { ["decision"] = decision, ["officer"] = officer, ["reason"] = reason }, ct);
        output.WriteLine($"  → {decision} by {officer}: {(string?)answer["status"] ?? "accepted"}");
    }

    public async Task<JObject> GetAsync(string requestId, CancellationToken ct) => (JObject)await api.GetAsync($"requests/{requestId}", ct);

    /// <summary>
    /// Polls until the request is finished and its output link exists; shows progress on the way. A system that stops
    /// on an identity conflict is settled by <paramref name="identityOfficer"/>: the persona's HR record is reached by
    /// her employee number only (HR knows her former work address, the request gives her current one), so the officer,
    /// having checked the number with HR, confirms that record.
    /// </summary>
    public async Task<JObject> FollowAsync(string requestId, string outputLink, TimeSpan timeout, CancellationToken ct, string? identityOfficer = null)
    {
        var progress = new RequestProgress(output, redraw);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var request = await GetAsync(requestId, ct);
            progress.Show(request, stopwatch.Elapsed);
            if (identityOfficer is not null)
            {
                await ResolveIdentityConflictsAsync(requestId, request, identityOfficer, ct);
            }

            var status = (string?)request["status"];
            if (Finished.Contains(status) && (status == "rejected" || request[outputLink] is JValue { Type: JTokenType.String }))
            {
                return request;
            }

            if (stopwatch.Elapsed > timeout)
            {
                throw new JsonApiException($"{requestId} did not finish within {timeout.TotalSeconds:0} s (status '{status}'); see the worker log.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(400), ct);
        }
    }

    private async Task ResolveIdentityConflictsAsync(string requestId, JObject request, string officer, CancellationToken ct)
    {
        foreach (var task in (request["tasks"] as JArray ?? []).OfType<JObject>().Where(t => (string?)t["status"] == "identity-conflict"))
        {
            var matches = (task["identity"]?["matches"] as JArray ?? []).OfType<JObject>().ToList();
            if (matches.Count != 1)
            {
                throw new JsonApiException($"{requestId}: {(string?)task["system"]} has an identity conflict the demo cannot settle: {task["identity"]}");
            }

            var record = (string)matches[0]["record"]!;
            output.WriteLine($"  ⚠ {(string?)task["system"]}: identity conflict — {(string?)task["identity"]?["conflict"]}");
            output.WriteLine($"    {officer} checked employee number {DemoPersona.EmployeeNumber} with HR and confirms {record} (decision resolve-identity)");
            await api.PostAsync($"requests/{requestId}/decision",
                new JObject { ["decision"] = "resolve-identity", ["officer"] = officer, ["system"] = (string?)task["system"], ["confirm"] = record }, ct);
        }
    }

    /// <summary>Downloads an output through its expiring link (no function key: the link's signature is the authorisation).</summary>
    public Task<byte[]> DownloadAsync(string link, CancellationToken ct) => api.DownloadAsync(link, ct);
}
