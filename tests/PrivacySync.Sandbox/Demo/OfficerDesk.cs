using System.Diagnostics;
using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Seeding;

namespace PrivacySync.Sandbox.Demo;

/// <summary>
/// What one signed-in privacy officer does through the API with their own bearer token: submit the Teams form's JSON,
/// decide, follow, ask for a download link and download through it.
/// </summary>
internal sealed class OfficerDesk(SignedInOfficer officer, Uri apiBase, TextWriter output, bool redraw) : IDisposable
{
    private readonly JsonApi api = new("PrivacySync API", apiBase, headers => SandboxSignIn.Authorize(headers, officer));

    // Download links are site-absolute paths (/api/requests/{id}/outputs/…), used with the same officer's token.
    private readonly JsonApi links = new("PrivacySync download link", new Uri(apiBase, "/"), headers => SandboxSignIn.Authorize(headers, officer));

    public string OfficerId => officer.Account.Id;

    private static readonly string[] Finished = ["completed", "completed-with-exceptions", "rejected"];

    /// <summary>The form as the Teams card's inputs give it, plus submissionId; who submits is the token's officer.</summary>
    public static JObject Form(string requestType, string notes) => new()
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
    };

    public async Task<string> SubmitAsync(JObject form, CancellationToken ct)
    {
        var answer = await api.PostAsync("requests", form, ct, HttpStatusCode.Accepted, HttpStatusCode.OK);
        var id = (string?)answer["requestId"] ?? throw new JsonApiException("SubmitRequest answered without a requestId.");
        output.WriteLine($"  → {id}: {(string?)answer["status"]}, due {(string?)answer["dueOn"]}");
        return id;
    }

    public async Task DecideAsync(string requestId, string decision, string reason, CancellationToken ct)
    {
        var answer = await api.PostAsync($"requests/{requestId}/decision", new JObject { ["decision"] = decision, ["reason"] = reason }, ct);
        output.WriteLine($"  → {decision} by {OfficerId}: {(string?)answer["status"] ?? "accepted"}");
    }

    /// <summary>A decision the API must refuse; answers its first error message (fails when it was not refused with 403).</summary>
    public async Task<string> RefusedDecisionAsync(string requestId, string decision, string reason, CancellationToken ct)
    {
        var answer = await api.PostAsync($"requests/{requestId}/decision", new JObject { ["decision"] = decision, ["reason"] = reason }, ct, HttpStatusCode.Forbidden);
        return $"{(string?)answer["errors"]?[0]?["field"]}: {(string?)answer["errors"]?[0]?["message"]}";
    }

    /// <summary>Asks for a download link to one output (POST …/outputs/{file}/link) and downloads through it.</summary>
    public async Task<(byte[] Content, string ExpiresAt)> DownloadAsync(string requestId, string file, CancellationToken ct)
    {
        var link = await api.PostAsync($"requests/{requestId}/outputs/{file}/link", new JObject(), ct, HttpStatusCode.Created);
        var content = await links.DownloadAsync((string)link["url"]!, ct);
        return (content, (string)link["expiresAt"]!);
    }

    /// <summary>Downloads an API resource that is not JSON (e.g. a report) with the officer's token.</summary>
    public Task<byte[]> DownloadAsync(string path, CancellationToken ct) => api.DownloadAsync(path, ct);

    public void Dispose()
    {
        api.Dispose();
        links.Dispose();
    }

    public async Task<JObject> GetAsync(string requestId, CancellationToken ct) => (JObject)await api.GetAsync($"requests/{requestId}", ct);

    /// <summary>
    /// Polls until the request is finished and lists the output; shows progress on the way. A system that stops on an
    /// identity conflict is settled by this officer: the persona's HR record is reached by her employee number only (HR
    /// knows her former work address, the request gives her current one), so the officer, having checked the number
    /// with HR, confirms that record.
    /// </summary>
    public async Task<JObject> FollowAsync(string requestId, string outputFile, TimeSpan timeout, CancellationToken ct)
    {
        var progress = new RequestProgress(output, redraw);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var request = await GetAsync(requestId, ct);
            progress.Show(request, stopwatch.Elapsed);
            await ResolveIdentityConflictsAsync(requestId, request, ct);

            var status = (string?)request["status"];
            var produced = (request["outputs"] as JArray ?? []).Any(o => (string?)o["file"] == outputFile);
            if (Finished.Contains(status) && (status == "rejected" || produced))
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

    private async Task ResolveIdentityConflictsAsync(string requestId, JObject request, CancellationToken ct)
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
            output.WriteLine($"    {OfficerId} checked employee number {DemoPersona.EmployeeNumber} with HR and confirms {record} (decision resolve-identity)");
            await api.PostAsync($"requests/{requestId}/decision",
                new JObject { ["decision"] = "resolve-identity", ["system"] = (string?)task["system"], ["confirm"] = record }, ct);
        }
    }
}
