using System.CommandLine;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Requests;

namespace PrivacySync.Cli;

/// <summary><c>status --api URL --token TOKEN --id ID</c>: prints a request's status and each system's progress.</summary>
public static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var api = new Option<string>("--api") { Description = "The function app's address, e.g. http://127.0.0.1:7071.", Required = true };
        var token = ApiAddress.TokenOption();
        var id = new Option<string>("--id") { Description = "The request id (dsr-…).", Required = true };
        var command = new Command("status", "Show a request's status and per-system progress.") { api, token, id };
        command.SetAction(async (parsed, ct) =>
        {
            var requestId = parsed.GetValue(id)!;
            if (!RequestIds.IsValid(requestId))
            {
                await error.WriteLineAsync($"--id: '{requestId}' is not a request id (dsr-<yyyyMMddHHmmss>-<16 characters>).");
                return ExitCodes.InvalidInput;
            }

            var url = ApiAddress.Resolve(parsed.GetValue(api), $"/api/requests/{requestId}");
            if (url is null)
            {
                await error.WriteLineAsync(ApiAddress.Invalid(parsed.GetValue(api)));
                return ExitCodes.InvalidInput;
            }

            using var client = ApiAddress.CreateClient(parsed.GetValue(token));
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url, ct);
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"Could not reach {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
                return ExitCodes.Failure;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await error.WriteLineAsync(response.StatusCode == HttpStatusCode.NotFound
                        ? $"No request {requestId}."
                        : $"The request failed ({(int)response.StatusCode} {response.ReasonPhrase}):");
                    await ApiErrorsPrinter.PrintAsync(error, body);
                    return ExitCodes.Failure;
                }

                await PrintAsync(output, JObject.Parse(body), url);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static async Task PrintAsync(TextWriter output, JObject request, Uri url)
    {
        await output.WriteLineAsync($"Request {request["requestId"]}: {request["status"]}");
        var extended = (bool?)request["extended"] == true ? " (extended)" : "";
        await output.WriteLineAsync($"  {request["type"]} for {request["entity"]}, received {request["receivedOn"]}, due {request["dueOn"]}{extended}");
        var tasks = request["tasks"] as JArray ?? [];
        if (tasks.Count == 0)
        {
            await output.WriteLineAsync("  No system tasks yet.");
        }

        foreach (var task in tasks.OfType<JObject>())
        {
            var attempts = (int?)task["attempts"] ?? 0;
            var line = $"  {task["system"]}: {task["status"]} ({attempts} attempt{(attempts == 1 ? "" : "s")})";
            if (task["outcome"] is JValue { Type: JTokenType.String } outcome)
            {
                line += $" — {outcome}";
            }

            if (task["error"] is JValue { Type: JTokenType.String } failure)
            {
                line += $": {failure}";
            }

            await output.WriteLineAsync(line);
        }

        // Links are issued on request (POST …/link) to the officer who asks; status only says where to ask.
        foreach (var produced in (request["outputs"] as JArray ?? []).OfType<JObject>())
        {
            await output.WriteLineAsync($"  Output {(string?)produced["file"]}: ask for a download link with POST {new Uri(url, (string?)produced["linkUrl"] ?? "")}");
        }
    }
}
