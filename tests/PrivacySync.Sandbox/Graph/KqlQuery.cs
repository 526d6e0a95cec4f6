using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// The KQL subset used by message $search and eDiscovery contentQuery: property restrictions
/// (from, to, cc, bcc, recipients, participants, subject, body), received/sent date ranges with
/// &gt;=, &lt;=, &gt;, &lt; or ':' (one day), bare keywords, AND (implicit or explicit) and OR.
/// </summary>
public sealed class KqlQuery
{
    private readonly List<List<Term>> groups;

    private KqlQuery(List<List<Term>> groups) => this.groups = groups;

    public static bool TryParse(string text, out KqlQuery? query, out string error)
    {
        query = null;
        error = "";
        var groups = new List<List<Term>> { new() };
        foreach (var word in Split(text.Trim()))
        {
            if (word.Equals("AND", StringComparison.Ordinal))
            {
                continue;
            }

            if (word.Equals("OR", StringComparison.Ordinal))
            {
                groups.Add([]);
                continue;
            }

            var term = Term.Parse(word);
            if (term is null)
            {
                error = $"Unsupported query term '{word}'.";
                return false;
            }

            groups[^1].Add(term);
        }

        if (groups.Any(g => g.Count == 0))
        {
            error = "The search query is empty or malformed.";
            return false;
        }

        query = new KqlQuery(groups);
        return true;
    }

    public bool Matches(JObject message) => groups.Any(g => g.All(t => t.Matches(message)));

    /// <summary>Addresses named in participants/from/to restrictions (eDiscovery uses them to pick locations).</summary>
    public IEnumerable<string> Addresses => groups.SelectMany(g => g).Where(t => t.IsAddress).Select(t => t.Value);

    private static IEnumerable<string> Split(string text)
    {
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            if (c is '(' or ')' && !quoted)
            {
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private sealed record Term(string Property, string Operator, string Value)
    {
        private static readonly string[] Operators = [">=", "<=", ">", "<", ":", "="];

        public bool IsAddress => Property is "from" or "to" or "cc" or "bcc" or "recipients" or "participants";

        public static Term? Parse(string word)
        {
            foreach (var op in Operators)
            {
                var at = word.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    var property = word[..at].ToLowerInvariant();
                    var value = word[(at + op.Length)..];
                    return value.Length == 0 ? null : new Term(property, op == "=" ? ":" : op, value);
                }
            }

            return new Term("", ":", word);
        }

        public bool Matches(JObject m)
        {
            switch (Property)
            {
                case "from":
                    return Same(Address(m["from"]));
                case "to":
                    return Recipients(m, "toRecipients").Any(Same);
                case "cc":
                    return Recipients(m, "ccRecipients").Any(Same);
                case "bcc":
                    return Recipients(m, "bccRecipients").Any(Same);
                case "recipients":
                    return AllRecipients(m).Any(Same);
                case "participants":
                    return Same(Address(m["from"])) || AllRecipients(m).Any(Same);
                case "subject":
                    return Contains((string?)m["subject"]);
                case "body":
                    return Contains((string?)m["body"]?["content"]);
                case "received":
                case "sent":
                    return MatchesDate(GraphJson.Date(m[Property == "received" ? "receivedDateTime" : "sentDateTime"]));
                case "":
                    return Contains((string?)m["subject"]) || Contains((string?)m["body"]?["content"]);
                default:
                    return false;
            }
        }

        private bool MatchesDate(DateTimeOffset? when)
        {
            if (when is null || !DateTimeOffset.TryParse(Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var bound))
            {
                return false;
            }

            var dayOnly = Value.Length <= 10;
            return Operator switch
            {
                ">=" => when >= bound,
                ">" => dayOnly ? when >= bound.AddDays(1) : when > bound,
                "<=" => dayOnly ? when < bound.AddDays(1) : when <= bound,
                "<" => when < bound,
                _ => when >= bound && when < bound.AddDays(1),
            };
        }

        private bool Same(string? address) => string.Equals(address, Value, StringComparison.OrdinalIgnoreCase);

        private bool Contains(string? text) => text is not null && text.Contains(Value, StringComparison.OrdinalIgnoreCase);

        private static string? Address(JToken? recipient) => (string?)recipient?["emailAddress"]?["address"];

        private static IEnumerable<string?> Recipients(JObject m, string field) =>
            (m[field] as JArray ?? []).Select(Address);

        private static IEnumerable<string?> AllRecipients(JObject m) =>
            Recipients(m, "toRecipients").Concat(Recipients(m, "ccRecipients")).Concat(Recipients(m, "bccRecipients"));
    }
}
