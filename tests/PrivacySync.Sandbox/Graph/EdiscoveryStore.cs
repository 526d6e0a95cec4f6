using System.Globalization;
using System.IO.Compression;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// eDiscovery (Premium) cases, searches and their long-running operations. An operation completes after a fixed
/// number of status reads (deterministic asynchronous progress); its effect is applied when it completes.
/// Actions (estimate, purge, export) are rate limited per app. Both exportReport and exportResult produce the item
/// report (a zip with Items_0.csv); content packages (PST/EML) are not simulated.
/// </summary>
public sealed class EdiscoveryStore(GraphTenant tenant, GraphSimulatorOptions options, TimeProvider time)
{
    private readonly Dictionary<string, JObject> cases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SearchState> searches = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, OperationState> operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> actionTimes = new(StringComparer.Ordinal);

    /// <summary>Purge operations that completed so far (each removes at most 100 items per mailbox).</summary>
    public int CompletedPurges { get; private set; }

    internal JObject CreateCase(JObject body)
    {
        lock (tenant.Gate)
        {
            var json = new JObject
            {
                ["@odata.type"] = "#microsoft.graph.security.ediscoveryCase",
                ["id"] = Guid.NewGuid().ToString(),
                ["displayName"] = body["displayName"],
                ["description"] = body["description"],
                ["externalId"] = body["externalId"],
                ["status"] = "active",
                ["createdDateTime"] = GraphJson.Timestamp(time.GetUtcNow()),
            };
            cases[(string)json["id"]!] = json;
            return json;
        }
    }

    internal JObject? GetCase(string caseId)
    {
        lock (tenant.Gate)
        {
            return cases.GetValueOrDefault(caseId);
        }
    }

    internal JObject? CreateSearch(string caseId, JObject body, out string error)
    {
        error = "";
        KqlQuery? query = null;
        if ((string?)body["contentQuery"] is { Length: > 0 } text && !KqlQuery.TryParse(text, out query, out error))
        {
            return null;
        }

        lock (tenant.Gate)
        {
            if (!cases.ContainsKey(caseId))
            {
                error = "case";
                return null;
            }

            var json = new JObject
            {
                ["@odata.type"] = "#microsoft.graph.security.ediscoverySearch",
                ["id"] = Guid.NewGuid().ToString(),
                ["displayName"] = body["displayName"],
                ["description"] = body["description"],
                ["contentQuery"] = body["contentQuery"],
                ["dataSourceScopes"] = (string?)body["dataSourceScopes"] ?? "none",
                ["createdDateTime"] = GraphJson.Timestamp(time.GetUtcNow()),
            };
            searches[(string)json["id"]!] = new SearchState(caseId, json, query);
            return json;
        }
    }

    internal JObject? GetSearch(string caseId, string searchId)
    {
        lock (tenant.Gate)
        {
            return searches.TryGetValue(searchId, out var s) && s.CaseId.Equals(caseId, StringComparison.OrdinalIgnoreCase) ? s.Json : null;
        }
    }

    internal JObject? AddSource(string caseId, string searchId, JObject body)
    {
        lock (tenant.Gate)
        {
            if (!searches.TryGetValue(searchId, out var search) || !search.CaseId.Equals(caseId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var email = (string?)body["email"];
            var json = new JObject
            {
                ["@odata.type"] = "#microsoft.graph.security.userSource",
                ["id"] = Guid.NewGuid().ToString("N"),
                ["email"] = email,
                ["includedSources"] = (string?)body["includedSources"] ?? "mailbox",
                ["createdDateTime"] = GraphJson.Timestamp(time.GetUtcNow()),
            };
            if (email is not null)
            {
                search.Sources.Add(email);
            }

            return json;
        }
    }

    /// <summary>False with the seconds to wait when the app has used its eDiscovery actions in this window.</summary>
    internal bool TryTakeAction(string appId, out int retryAfterSeconds)
    {
        lock (tenant.Gate)
        {
            var now = time.GetUtcNow();
            if (!actionTimes.TryGetValue(appId, out var queue))
            {
                actionTimes[appId] = queue = new Queue<DateTimeOffset>();
            }

            while (queue.Count > 0 && queue.Peek() <= now - options.EdiscoveryWindow)
            {
                queue.Dequeue();
            }

            if (queue.Count >= options.EdiscoveryActionsPerWindow)
            {
                var wait = queue.Peek() + options.EdiscoveryWindow - now;
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                tenant.CountThrottled();
                return false;
            }

            queue.Enqueue(now);
            retryAfterSeconds = 0;
            return true;
        }
    }

    /// <summary>Starts an action on a search; returns the operation id, or null when the search does not exist.</summary>
    internal string? StartOperation(string caseId, string searchId, string action, JObject body, string origin)
    {
        lock (tenant.Gate)
        {
            if (!searches.TryGetValue(searchId, out var search) || !search.CaseId.Equals(caseId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var type = action switch
            {
                "estimateStatistics" => "ediscoveryEstimateOperation",
                "purgeData" => "ediscoveryPurgeDataOperation",
                _ => "ediscoverySearchExportOperation",
            };
            var json = new JObject
            {
                ["@odata.type"] = "#microsoft.graph.security." + type,
                ["id"] = Guid.NewGuid().ToString("N"),
                ["action"] = action,
                ["status"] = "notStarted",
                ["percentProgress"] = 0,
                ["createdDateTime"] = GraphJson.Timestamp(time.GetUtcNow()),
                ["completedDateTime"] = null,
            };
            if (action is "exportReport" or "exportResult")
            {
                json["displayName"] = body["displayName"];
                json["exportCriteria"] = body["exportCriteria"];
                json["additionalOptions"] = body["additionalOptions"];
            }

            var operation = new OperationState(caseId, search, action, json, origin);
            operations[(string)json["id"]!] = operation;
            if (action == "estimateStatistics")
            {
                search.LastEstimateId = (string)json["id"]!;
            }

            return (string)json["id"]!;
        }
    }

    /// <summary>Reads an operation; each read advances it, and the last one applies its effect.</summary>
    internal JObject? ReadOperation(string caseId, string operationId)
    {
        lock (tenant.Gate)
        {
            if (!operations.TryGetValue(operationId, out var op) || !op.CaseId.Equals(caseId, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return Advance(op);
        }
    }

    internal JObject? LastEstimate(string caseId, string searchId)
    {
        lock (tenant.Gate)
        {
            return searches.TryGetValue(searchId, out var s) && s.CaseId.Equals(caseId, StringComparison.OrdinalIgnoreCase) &&
                s.LastEstimateId is { } id ? Advance(operations[id]) : null;
        }
    }

    internal byte[]? File(string fileId)
    {
        lock (tenant.Gate)
        {
            return files.GetValueOrDefault(fileId);
        }
    }

    private JObject Advance(OperationState op)
    {
        if ((string?)op.Json["status"] == "succeeded")
        {
            return op.Json;
        }

        op.Polls++;
        var json = (JObject)op.Json.DeepClone();
        if (op.Polls < options.OperationPollsToComplete)
        {
            json["status"] = "running";
            json["percentProgress"] = 100 * op.Polls / options.OperationPollsToComplete;
        }
        else
        {
            Complete(op, json);
            json["status"] = "succeeded";
            json["percentProgress"] = 100;
            json["completedDateTime"] = GraphJson.Timestamp(time.GetUtcNow());
        }

        op.Json = json;
        return json;
    }

    private void Complete(OperationState op, JObject json)
    {
        var hits = Locations(op.Search).Select(u => (User: u, Items: Matches(op.Search, u).ToList())).ToList();
        switch (op.Action)
        {
            case "estimateStatistics":
                json["indexedItemCount"] = hits.Sum(h => h.Items.Count);
                json["indexedItemsSize"] = hits.Sum(h => h.Items.Sum(Size));
                json["unindexedItemCount"] = 0;
                json["unindexedItemsSize"] = 0;
                json["mailboxCount"] = hits.Count(h => h.Items.Count > 0);
                json["siteCount"] = 0;
                break;
            case "purgeData":
                foreach (var (user, items) in hits)
                {
                    foreach (var item in items.Take(options.PurgeItemsPerLocation))
                    {
                        // A hold keeps purged items in Recoverable Items, where searches still find them.
                        if (user.Messages.Remove(item) && user.OnHold)
                        {
                            user.RecoverableItems.Add(item);
                        }
                        else if (!user.OnHold)
                        {
                            user.RecoverableItems.Remove(item);
                        }
                    }
                }

                CompletedPurges++;
                break;
            default:
                var fileId = Guid.NewGuid().ToString("N");
                var bytes = ReportZip(hits);
                files[fileId] = bytes;
                json["exportFileMetadata"] = new JArray(new JObject
                {
                    ["@odata.type"] = "#microsoft.graph.security.exportFileMetadata",
                    ["fileName"] = $"Reports-{(string?)op.Search.Json["displayName"]}-{(string?)json["id"]}.zip",
                    ["downloadUrl"] = $"{op.Origin}/sandbox/ediscovery/exports/{fileId}",
                    ["size"] = bytes.LongLength,
                });
                break;
        }
    }

    private IEnumerable<SimulatedUser> Locations(SearchState search)
    {
        var all = ((string?)search.Json["dataSourceScopes"] ?? "").Contains("allTenantMailboxes", StringComparison.OrdinalIgnoreCase);
        return tenant.Users.Where(u => all || search.Sources.Contains(u.Mail ?? "") || search.Sources.Contains(u.UserPrincipalName ?? "")).ToList();
    }

    private static IEnumerable<JObject> Matches(SearchState search, SimulatedUser user) =>
        search.Query is null ? [] : user.Messages.Concat(user.RecoverableItems).Where(search.Query.Matches);

    private static long Size(JObject message) => Encoding.UTF8.GetByteCount(message.ToString());

    /// <summary>The item report: a zip holding Items_0.csv with one row per item, as the Purview report does.</summary>
    private static byte[] ReportZip(List<(SimulatedUser User, List<JObject> Items)> hits)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("Items_0.csv").Open(), new UTF8Encoding(false));
            writer.WriteLine("Location,Item Id,Subject,Sender,Recipients,Received,Size");
            foreach (var (user, items) in hits)
            {
                foreach (var m in items)
                {
                    var recipients = string.Join(';', new[] { "toRecipients", "ccRecipients", "bccRecipients" }
                        .SelectMany(f => (m[f] as JArray ?? []).Select(r => (string?)r["emailAddress"]?["address"])));
                    writer.WriteLine(string.Join(',', new[]
                    {
                        user.Mail ?? "", (string?)m["id"] ?? "", (string?)m["subject"] ?? "", (string?)m["from"]?["emailAddress"]?["address"] ?? "",
                        recipients, (string?)m["receivedDateTime"] ?? "", Size(m).ToString(CultureInfo.InvariantCulture),
                    }.Select(Csv)));
                }
            }
        }

        return buffer.ToArray();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed class SearchState(string caseId, JObject json, KqlQuery? query)
    {
        public string CaseId { get; } = caseId;

        public JObject Json { get; } = json;

        public KqlQuery? Query { get; } = query;

        public HashSet<string> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? LastEstimateId { get; set; }
    }

    private sealed class OperationState(string caseId, SearchState search, string action, JObject json, string origin)
    {
        public string CaseId { get; } = caseId;

        public SearchState Search { get; } = search;

        public string Action { get; } = action;

        public JObject Json { get; set; } = json;

        public string Origin { get; } = origin;

        public int Polls { get; set; }
    }
}
