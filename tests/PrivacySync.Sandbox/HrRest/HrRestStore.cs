using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HrRest;

/// <summary>The sandbox HR system's data: seeded subjects, stored idempotent responses, injected faults.</summary>
public sealed class HrRestStore
{
    private readonly Lock gate = new();
    private readonly List<SandboxSubject> subjects = [];
    private readonly Dictionary<string, IdempotentEntry> idempotency = new(StringComparer.Ordinal);
    private readonly Queue<HrRestFault> faults = new();

    public int ErasuresExecuted { get; private set; }

    public string Seed(JObject subject)
    {
        var seeded = new SandboxSubject(
            (string?)subject["email"] ?? throw new ArgumentException("email is required"),
            (string?)subject["employeeId"],
            subject["categories"] as JArray ?? []);
        lock (gate) subjects.Add(seeded);
        return seeded.Id;
    }

    public void AddFaults(HrRestFault fault, int count)
    {
        lock (gate)
            for (var i = 0; i < count; i++) faults.Enqueue(fault);
    }

    /// <summary>Faults injected and not yet served: zero once the calls they were meant for have arrived.</summary>
    public int PendingFaults
    {
        get
        {
            lock (gate) return faults.Count;
        }
    }

    public HrRestFault? NextFault()
    {
        lock (gate) return faults.TryDequeue(out var fault) ? fault : null;
    }

    /// <summary>
    /// Subjects matching any e-mail (case-insensitive) or the employee id; with <c>records</c> (contract 1.1), only those
    /// of the listed records.
    /// </summary>
    public IReadOnlyList<SandboxSubject> Find(JObject subject) => Matches(subject).Select(m => m.Subject).ToList();

    /// <summary>Each matching subject with the identifiers that matched it (contract 1.1 names: email, additional-email, employee-id).</summary>
    public IReadOnlyList<(SandboxSubject Subject, IReadOnlyList<string> MatchedBy)> Matches(JObject subject)
    {
        var primary = (string?)subject["email"];
        var additional = (subject["additionalEmails"]?.Values<string>() ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var employeeId = (string?)subject["employeeId"];
        var only = subject["records"] is JArray records ? records.Values<string>().ToHashSet(StringComparer.Ordinal) : null;
        var found = new List<(SandboxSubject, IReadOnlyList<string>)>();
        lock (gate)
        {
            foreach (var s in subjects.Where(s => only is null || only.Contains(s.Id)))
            {
                var matched = new List<string>();
                if (string.Equals(s.Email, primary, StringComparison.OrdinalIgnoreCase)) matched.Add("email");
                if (additional.Contains(s.Email)) matched.Add("additional-email");
                if (employeeId is not null && s.EmployeeId == employeeId) matched.Add("employee-id");
                if (matched.Count > 0) found.Add((s, matched));
            }
        }

        return found;
    }

    /// <summary>Applies each category's policy (erase, anonymise, retain) and returns the outcomes.</summary>
    public JObject Erase(JObject subject)
    {
        var found = Find(subject);
        var outcomes = new JArray();
        lock (gate)
        {
            ErasuresExecuted++;
            foreach (var category in found.SelectMany(s => s.Categories.Children<JObject>()))
            {
                var records = category["records"] as JArray ?? [];
                var policy = (string?)category["erasure"] ?? "erase";
                var outcome = new JObject
                {
                    ["category"] = category["name"],
                    ["recordCount"] = records.Count,
                    ["purpose"] = category["purpose"],
                };
                switch (policy)
                {
                    case "retain":
                        outcome["outcome"] = "retained";
                        outcome["legalBasis"] = category["retainLegalBasis"] ?? category["legalBasis"];
                        outcome["retainedUntil"] = category["retainedUntil"];
                        break;
                    case "anonymise":
                        outcome["outcome"] = "anonymised";
                        foreach (var record in records.Children<JObject>())
                            foreach (var property in record.Properties().ToList())
                                property.Value = "anonymised";
                        break;
                    default:
                        outcome["outcome"] = records.Count == 0 ? "notFound" : "erased";
                        records.Clear();
                        break;
                }

                outcomes.Add(outcome);
            }
        }

        return found.Count == 0
            ? new JObject { ["categories"] = outcomes, ["note"] = "subject not found" }
            : new JObject { ["categories"] = outcomes };
    }

    /// <summary>
    /// Contract 1.2: erases the data held back (policy retain) in the named categories of the named records whose
    /// retention ended before <paramref name="asOf"/> (retainedUntil is the last day kept); a category still within it is answered retained again.
    /// </summary>
    public JObject EraseRetained(IReadOnlyCollection<string> records, IReadOnlyCollection<string> categories, DateOnly asOf)
    {
        var outcomes = new JArray();
        lock (gate)
        {
            ErasuresExecuted++;
            var held = subjects.Where(s => records.Contains(s.Id)).SelectMany(s => s.Categories.Children<JObject>()).ToList();
            foreach (var name in categories.Distinct(StringComparer.Ordinal))
            {
                var kept = held.Where(c => (string?)c["name"] == name && (string?)c["erasure"] == "retain").ToList();
                var count = kept.Sum(c => (c["records"] as JArray)?.Count ?? 0);
                var until = kept.Select(c => (string?)c["retainedUntil"]).OfType<string>().Max(StringComparer.Ordinal);
                var outcome = new JObject { ["category"] = name, ["recordCount"] = count, ["purpose"] = kept.Select(c => (string?)c["purpose"]).FirstOrDefault() };
                if (count > 0 && until is not null && string.CompareOrdinal(until, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) >= 0)
                {
                    outcome["outcome"] = "retained";
                    outcome["legalBasis"] = kept[0]["retainLegalBasis"] ?? kept[0]["legalBasis"];
                    outcome["retainedUntil"] = until;
                }
                else
                {
                    outcome["outcome"] = count == 0 ? "notFound" : "erased";
                    foreach (var category in kept) (category["records"] as JArray)?.Clear();
                }

                outcomes.Add(outcome);
            }
        }

        return new JObject { ["categories"] = outcomes };
    }

    /// <summary>Claims an idempotency key: a new claim, a stored response to replay, a conflict or a mismatch.</summary>
    public IdempotentEntry Claim(string key, string bodyHash, out bool isNew)
    {
        lock (gate)
        {
            if (idempotency.TryGetValue(key, out var entry))
            {
                isNew = false;
                return entry;
            }

            isNew = true;
            return idempotency[key] = new IdempotentEntry(bodyHash);
        }
    }

    public void Complete(IdempotentEntry entry, string response)
    {
        lock (gate) entry.Response = response;
    }

    public void Abandon(string key)
    {
        lock (gate) idempotency.Remove(key);
    }

    public sealed class IdempotentEntry(string bodyHash)
    {
        public string BodyHash { get; } = bodyHash;

        /// <summary>Null while the first request is still running.</summary>
        public string? Response { get; set; }
    }
}

public sealed record SandboxSubject(string Email, string? EmployeeId, JArray Categories)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>
/// One injected fault: answer <see cref="Status"/> (with Retry-After seconds) after waiting <see cref="DelayMs"/>; a
/// status of 0 only delays, then answers normally (a slow system; with a long delay, one that hangs).
/// </summary>
public sealed record HrRestFault(int Status, int RetryAfter, int DelayMs);
