using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// The subset of OData $filter the simulator understands: eq/ne/gt/ge/lt/le, and/or/not, parentheses,
/// startswith/endswith, and lambda any() over collections (e.g. emailAddresses/any(a:a/address eq 'x')).
/// String equality ignores case, as Graph does for addresses and names.
/// </summary>
public sealed class ODataFilter
{
    private readonly Node root;

    private ODataFilter(Node root, bool advanced)
    {
        this.root = root;
        UsesAdvancedOperators = advanced;
    }

    /// <summary>ne, not and endswith: on directory objects Graph answers these only as advanced queries.</summary>
    public bool UsesAdvancedOperators { get; }

    public static bool TryParse(string text, out ODataFilter? filter, out string error)
    {
        try
        {
            var parser = new Parser(Tokenize(text));
            var node = parser.ParseExpression();
            parser.ExpectEnd();
            filter = new ODataFilter(node, parser.Advanced);
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            filter = null;
            error = e.Message;
            return false;
        }
    }

    public bool Matches(JObject item) => Truthy(root.Evaluate(item, new Dictionary<string, JToken>()));

    private static bool Truthy(JToken? token) => token is { Type: JTokenType.Boolean } && (bool)token;

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var sb = new System.Text.StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated string literal");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                tokens.Add(sb.ToString());
            }
            else if (c is '(' or ')' or ',' or ':')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsDigit(c) || c == '-')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is ':' or '.' or '+' or '-'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '/' or '.'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                throw new FormatException($"unexpected character '{c}'");
            }
        }

        return tokens;
    }

    private abstract class Node
    {
        public abstract JToken? Evaluate(JObject item, Dictionary<string, JToken> scope);
    }

    private sealed class Literal(JToken? value) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope) => value;
    }

    private sealed class PathNode(string[] segments) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope)
        {
            JToken? current = item;
            var start = 0;
            if (scope.TryGetValue(segments[0], out var bound))
            {
                current = bound;
                start = 1;
            }

            for (var i = start; i < segments.Length && current is not null; i++)
            {
                current = current is JObject o
                    ? o.Properties().FirstOrDefault(p => string.Equals(p.Name, segments[i], StringComparison.OrdinalIgnoreCase))?.Value
                    : null;
            }

            return current;
        }
    }

    private sealed class AnyNode(string[] collection, string variable, Node predicate) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope)
        {
            if (new PathNode(collection).Evaluate(item, scope) is not JArray array)
            {
                return false;
            }

            foreach (var element in array)
            {
                var inner = new Dictionary<string, JToken>(scope) { [variable] = element };
                if (Truthy(predicate.Evaluate(item, inner)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Logical(string op, Node left, Node? right) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope) => op switch
        {
            "and" => Truthy(left.Evaluate(item, scope)) && Truthy(right!.Evaluate(item, scope)),
            "or" => Truthy(left.Evaluate(item, scope)) || Truthy(right!.Evaluate(item, scope)),
            _ => !Truthy(left.Evaluate(item, scope)),
        };
    }

    private sealed class Function(string name, Node target, Node argument) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope)
        {
            var value = target.Evaluate(item, scope);
            var arg = argument.Evaluate(item, scope);
            if (value is null || value.Type == JTokenType.Null || arg is null)
            {
                return false;
            }

            var text = value.ToString();
            var part = arg.ToString();
            return name == "startswith"
                ? text.StartsWith(part, StringComparison.OrdinalIgnoreCase)
                : text.EndsWith(part, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed class Comparison(string op, Node left, Node right) : Node
    {
        public override JToken? Evaluate(JObject item, Dictionary<string, JToken> scope)
        {
            var a = left.Evaluate(item, scope);
            var b = right.Evaluate(item, scope);
            var aNull = a is null || a.Type == JTokenType.Null;
            var bNull = b is null || b.Type == JTokenType.Null;
            if (aNull || bNull)
            {
                return op switch { "eq" => aNull && bNull, "ne" => aNull != bNull, _ => false };
            }

            var order = Compare(a!, b!);
            return op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        }

        private static int Compare(JToken a, JToken b)
        {
            if (a.Type == JTokenType.Boolean || b.Type == JTokenType.Boolean)
            {
                return string.Compare(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase);
            }

            if (a.Type is JTokenType.Integer or JTokenType.Float && b.Type is JTokenType.Integer or JTokenType.Float)
            {
                return ((double)a).CompareTo((double)b);
            }

            var sa = a.ToString();
            var sb = b.ToString();
            if (LooksLikeDate(sa) && LooksLikeDate(sb) &&
                DateTimeOffset.TryParse(sa, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da) &&
                DateTimeOffset.TryParse(sb, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db))
            {
                return da.CompareTo(db);
            }

            return string.Compare(sa, sb, StringComparison.OrdinalIgnoreCase);
        }

        private static bool LooksLikeDate(string s) => s.Length >= 10 && char.IsDigit(s[0]) && s[4] == '-';
    }

    private sealed class Parser(List<string> tokens)
    {
        private static readonly HashSet<string> Comparators = ["eq", "ne", "gt", "ge", "lt", "le"];
        private int position;

        public bool Advanced { get; private set; }

        public void ExpectEnd()
        {
            if (position < tokens.Count)
            {
                throw new FormatException($"unexpected '{tokens[position]}'");
            }
        }

        public Node ParseExpression()
        {
            var left = ParseAnd();
            while (Peek("or"))
            {
                position++;
                left = new Logical("or", left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (Peek("and"))
            {
                position++;
                left = new Logical("and", left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (Peek("not"))
            {
                position++;
                Advanced = true;
                return new Logical("not", ParseUnary(), null);
            }

            if (Peek("("))
            {
                position++;
                var inner = ParseExpression();
                Expect(")");
                return inner;
            }

            if (Peek("startswith") || Peek("endswith"))
            {
                var name = Next().ToLowerInvariant();
                Advanced |= name == "endswith";
                Expect("(");
                var target = ParseOperand();
                Expect(",");
                var argument = ParseOperand();
                Expect(")");
                return new Function(name, target, argument);
            }

            var left = ParseOperand();
            if (left is AnyNode)
            {
                return left;
            }

            var op = Next().ToLowerInvariant();
            if (!Comparators.Contains(op))
            {
                throw new FormatException($"expected a comparison operator, found '{op}'");
            }

            Advanced |= op == "ne";
            return new Comparison(op, left, ParseOperand());
        }

        private Node ParseOperand()
        {
            var token = Next();
            if (token.StartsWith('\''))
            {
                return new Literal(token[1..]);
            }

            switch (token)
            {
                case "null":
                    return new Literal(null);
                case "true":
                    return new Literal(true);
                case "false":
                    return new Literal(false);
            }

            if (char.IsDigit(token[0]) || token[0] == '-')
            {
                return long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? new Literal(number)
                    : new Literal(token);
            }

            var segments = token.Split('/');
            if (segments[^1].Equals("any", StringComparison.OrdinalIgnoreCase) && Peek("("))
            {
                position++;
                var variable = Next();
                Expect(":");
                var predicate = ParseExpression();
                Expect(")");
                return new AnyNode(segments[..^1], variable, predicate);
            }

            return new PathNode(segments);
        }

        private bool Peek(string token) =>
            position < tokens.Count && string.Equals(tokens[position], token, StringComparison.OrdinalIgnoreCase);

        private string Next() =>
            position < tokens.Count ? tokens[position++] : throw new FormatException("unexpected end of filter");

        private void Expect(string token)
        {
            if (!Peek(token))
            {
                throw new FormatException($"expected '{token}'");
            }

            position++;
        }
    }
}
