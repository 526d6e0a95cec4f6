using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.FunctionsHost.Configuration;

/// <summary>The queue settings of host.json's <c>extensions.queues</c>, with the Functions defaults.</summary>
internal sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    TimeSpan MaxPollingInterval,
    QueueMessageEncoding MessageEncoding);

/// <summary>The parts of host.json (version 2.0) this host honours.</summary>
internal sealed record HostJson(
    QueueSettings Queues,
    string RoutePrefix,
    TimeSpan? FunctionTimeout,
    IReadOnlyDictionary<string, LogLevel> LogLevels)
{
    public static HostJson Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            throw new FunctionsHostStartException($"{path} is missing: a published Functions app carries host.json.");
        }

        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(File.ReadAllText(path)));
            root = JObject.Load(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonException e)
        {
            throw new FunctionsHostStartException($"{path} is not valid JSON: {e.Message}", e);
        }

        var parser = new Parser(path);
        var version = parser.String(root, "version", null);
        if (version != "2.0")
        {
            throw parser.Bad("version", "must be \"2.0\"", version);
        }

        var queues = parser.Object(root, "extensions.queues");
        var batchSize = parser.Int(queues, "extensions.queues.batchSize", 16, 1, 32);
        var queueSettings = new QueueSettings(
            batchSize,
            parser.Int(queues, "extensions.queues.newBatchThreshold", batchSize / 2, 0, 1000),
            parser.Duration(queues, "extensions.queues.visibilityTimeout", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(7)),
            parser.Int(queues, "extensions.queues.maxDequeueCount", 5, 1, 1000),
            parser.Duration(queues, "extensions.queues.maxPollingInterval", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            parser.Encoding(queues, "extensions.queues.messageEncoding"));

        var http = parser.Object(root, "extensions.http");
        var routePrefix = (parser.String(http, "extensions.http.routePrefix", "api") ?? "api").Trim('/');

        TimeSpan? functionTimeout = TimeSpan.FromMinutes(30);
        var timeoutToken = root["functionTimeout"];
        if (timeoutToken is { Type: JTokenType.Null })
        {
            functionTimeout = null;
        }
        else if (timeoutToken is not null)
        {
            var text = timeoutToken.Type == JTokenType.String ? (string?)timeoutToken : null;
            functionTimeout = text == "-1"
                ? null
                : parser.Duration(root, "functionTimeout", TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        }

        var levels = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
        if (parser.Object(root, "logging.logLevel") is { } logLevels)
        {
            foreach (var (category, value) in logLevels)
            {
                var property = $"logging.logLevel.{category}";
                if (value?.Type != JTokenType.String || !Enum.TryParse<LogLevel>((string)value!, ignoreCase: true, out var level))
                {
                    throw parser.Bad(property, "must be one of Trace, Debug, Information, Warning, Error, Critical, None", value);
                }

                levels[category] = level;
            }
        }

        return new HostJson(queueSettings, routePrefix, functionTimeout, levels);
    }

    private sealed class Parser(string path)
    {
        public FunctionsHostStartException Bad(string property, string rule, object? value) =>
            new($"{path}: '{property}' {rule} (was {Describe(value)}).");

        private static string Describe(object? value) => value switch
        {
            null => "missing",
            JToken token => token.ToString(Formatting.None),
            string text => $"\"{text}\"",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
        };

        public JObject? Object(JObject root, string dottedPath)
        {
            var current = root;
            var walked = string.Empty;
            foreach (var segment in dottedPath.Split('.'))
            {
                walked = walked.Length == 0 ? segment : $"{walked}.{segment}";
                var next = current.GetValue(segment, StringComparison.OrdinalIgnoreCase);
                if (next is null or { Type: JTokenType.Null })
                {
                    return null;
                }

                current = next as JObject ?? throw Bad(walked, "must be an object", next);
            }

            return current;
        }

        private static JToken? Leaf(JObject? parent, string property) =>
            parent?.GetValue(property[(property.LastIndexOf('.') + 1)..], StringComparison.OrdinalIgnoreCase);

        public string? String(JObject? parent, string property, string? fallback)
        {
            var token = Leaf(parent, property);
            if (token is null)
            {
                return fallback;
            }

            return token.Type == JTokenType.String ? (string?)token : throw Bad(property, "must be a string", token);
        }

        public int Int(JObject? parent, string property, int fallback, int min, int max)
        {
            var token = Leaf(parent, property);
            if (token is null)
            {
                return fallback;
            }

            if (token.Type != JTokenType.Integer || (long)token < min || (long)token > max)
            {
                throw Bad(property, $"must be an integer from {min} to {max}", token);
            }

            return (int)token;
        }

        public TimeSpan Duration(JObject? parent, string property, TimeSpan fallback, TimeSpan min, TimeSpan max)
        {
            var token = Leaf(parent, property);
            if (token is null)
            {
                return fallback;
            }

            if (token.Type != JTokenType.String
                || !TimeSpan.TryParse((string)token!, CultureInfo.InvariantCulture, out var value)
                || value < min || value > max)
            {
                throw Bad(property, $"must be a duration \"hh:mm:ss\" from {min:c} to {max:c}", token);
            }

            return value;
        }

        public QueueMessageEncoding Encoding(JObject? parent, string property)
        {
            var text = String(parent, property, "base64");
            return text?.ToLowerInvariant() switch
            {
                "base64" => QueueMessageEncoding.Base64,
                "none" => QueueMessageEncoding.None,
                _ => throw Bad(property, "must be \"base64\" or \"none\"", text),
            };
        }
    }
}
