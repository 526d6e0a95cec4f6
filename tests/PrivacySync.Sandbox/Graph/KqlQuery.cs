using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// The KQL subset used by message $search and eDiscovery contentQuery: property restrictions
/// (from, to, cc, bcc, recipients, participants, subject, body), received/sent date ranges with
/// &gt;=, &lt;=, &gt;, &lt; or ':' (one day), bare keywords, AND (implicit or explicit) and OR. As in KQL, a phrase in
/// double quotes is one literal value — <c>recipients:"a OR received&gt;=2000-01-01"</c> looks for that text, its
/// AND, OR and ranges are words — and only unquoted text is query syntax. Graph's <c>$search</c> wraps the whole KQL
/// query in double quotes and writes the quotes inside it as <c>\"</c> (<see cref="TryParseSearchParameter"/>).
/// </summary>
public sealed class KqlQuery
{
    private readonly List<List<Term>> groups;

    private KqlQuery(List<List<Term>> groups) => this.groups = groups;

    /// <summary>A <c>$search</c> value: <c>"KQL"</c> with inner quotes escaped as <c>\"</c> (a bare value is read as KQL).</summary>
    public static bool TryParseSearchParameter(string value, out KqlQuery? query, out string error)
    {
        var text = value.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            var inner = new System.Text.StringBuilder();
            for (var i = 1; i < text.Length - 1; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length - 1 && text[i + 1] is '"' or '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    query = null;
                    error = "Syntax error: an unescaped double quote inside the $search value.";
                    return false;
                }

                inner.Append(text[i]);
            }

            text = inner.ToString();
        }

        return TryParse(text, out query, out error);
    }

    public static bool TryParse(string text, out KqlQuery? query, out string error)
    {
        query = null;
        error = "";
        var groups = new List<List<Term>> { new() };
        if (!TrySplit(text.Trim(), out var words))
        {
            error = "Syntax error: a phrase is not closed by a double quote.";
            return false;
        }

        foreach (var word in words)
        {
            if (word.Phrase is null && word.Prefix.Equals("AND", StringComparison.Ordinal))
            {
                continue;
            }

            if (word.Phrase is null && word.Prefix.Equals("OR", StringComparison.Ordinal))
            {
                groups.Add([]);
                continue;
            }

            var term = Term.Parse(word);
            if (term is null)
            {
                error = $"Unsupported query term '{word.Prefix}{(word.Phrase is null ? "" : "\"" + word.Phrase + "\"")}'.";
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

    /// <summary>One whitespace-separated word: its unquoted text and, when it has one, its quoted phrase (literal).</summary>
    private sealed record Word(string Prefix, string? Phrase);

    private static bool TrySplit(string text, out List<Word> words)
    {
        words = [];
        var prefix = new System.Text.StringBuilder();
        string? phrase = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && phrase is null)
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return false;
                }

                phrase = text[(i + 1)..close];
                i = close;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                if (prefix.Length > 0 || phrase is not null)
                {
                    words.Add(new Word(prefix.ToString(), phrase));
                    prefix.Clear();
                    phrase = null;
                }

                continue;
            }

            if (phrase is not null)
            {
                return false; // text after a closing quote in the same word
            }

            prefix.Append(c);
        }

        if (prefix.Length > 0 || phrase is not null)
        {
            words.Add(new Word(prefix.ToString(), phrase));
        }

        return true;
    }

    private sealed record Term(string Property, string Operator, string Value)
    {
        private static readonly string[] Operators = [">=", "<=", ">", "<", ":", "="];

        public bool IsAddress => Property is "from" or "to" or "cc" or "bcc" or "recipients" or "participants";

        public static Term? Parse(Word word)
        {
            if (word.Phrase is { } phrase)
            {
                // "phrase" is a keyword; property:"phrase" a restriction. Whatever is inside the quotes stays a value.
                if (word.Prefix.Length == 0)
                {
                    return phrase.Length == 0 ? null : new Term("", ":", phrase);
                }

                var restriction = word.Prefix.EndsWith(':') || word.Prefix.EndsWith('=') ? word.Prefix[..^1] : null;
                return restriction is { Length: > 0 } && phrase.Length > 0 && restriction.All(char.IsAsciiLetter)
                    ? new Term(restriction.ToLowerInvariant(), ":", phrase)
                    : null;
            }

            foreach (var op in Operators)
            {
                var at = word.Prefix.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    var property = word.Prefix[..at].ToLowerInvariant();
                    var value = word.Prefix[(at + op.Length)..];
                    return value.Length == 0 ? null : new Term(property, op == "=" ? ":" : op, value);
                }
            }

            return new Term("", ":", word.Prefix);
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
