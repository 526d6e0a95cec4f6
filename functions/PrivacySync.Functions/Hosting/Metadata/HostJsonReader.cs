using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>Reads host.json: the custom-handler section, the http route prefix and the queue trigger settings.</summary>
internal static class HostJsonReader
{
    public static HostSettings? Read(string path, List<ConfigurationProblem> problems)
    {
        if (!File.Exists(path))
        {
            problems.Add(new(path, "host.json is missing; the script root must contain host.json beside the function folders."));
            return null;
        }

        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(path));
        }
        catch (JsonReaderException ex)
        {
            problems.Add(new(path, $"host.json is not valid JSON (line {ex.LineNumber}, position {ex.LinePosition})."));
            return null;
        }

        var before = problems.Count;
        if (root.Value<string>("version") != "2.0")
        {
            problems.Add(new(path, "property 'version' must be \"2.0\"."));
        }

        if (root.SelectToken("customHandler.description.defaultExecutablePath") is not JValue { Type: JTokenType.String })
        {
            problems.Add(new(path, "property 'customHandler.description.defaultExecutablePath' is required for a custom handler."));
        }

        var forward = root.SelectToken("customHandler.enableForwardingHttpRequest")?.Value<bool?>() ?? false;
        var routePrefix = root.SelectToken("extensions.http.routePrefix") is JValue { Type: JTokenType.String } prefix
            ? ((string)prefix!).Trim('/')
            : "api";

        var queues = ReadQueues(path, root.SelectToken("extensions.queues") as JObject, problems);
        var functions = ReadFunctionNames(path, root["functions"], problems);
        return problems.Count == before ? new HostSettings(path, routePrefix, forward, queues, functions) : null;
    }

    private static IReadOnlyList<string>? ReadFunctionNames(string path, JToken? token, List<ConfigurationProblem> problems)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is not JArray array || array.Any(item => item.Type != JTokenType.String))
        {
            problems.Add(new(path, "property 'functions' must be an array of function names."));
            return null;
        }

        return array.Select(item => (string)item!).ToList();
    }

    private static QueueSettings ReadQueues(string path, JObject? section, List<ConfigurationProblem> problems)
    {
        var defaults = new QueueSettings();
        if (section is null)
        {
            return defaults;
        }

        var batchSize = ReadInt(section, "batchSize", defaults.BatchSize, 1, 32, path, problems);
        var settings = new QueueSettings
        {
            BatchSize = batchSize,
            // The host's default is derived from batchSize; an explicit value wins.
            NewBatchThreshold = ReadInt(section, "newBatchThreshold", batchSize / 2, 0, 1000, path, problems),
            MaxDequeueCount = ReadInt(section, "maxDequeueCount", defaults.MaxDequeueCount, 1, 1000, path, problems),
            MaxPollingInterval = ReadTimeSpan(section, "maxPollingInterval", defaults.MaxPollingInterval, path, problems),
            VisibilityTimeout = ReadTimeSpan(section, "visibilityTimeout", defaults.VisibilityTimeout, path, problems),
            MessageEncoding = section.Value<string>("messageEncoding") ?? defaults.MessageEncoding,
        };

        if (settings.MaxPollingInterval < QueueSettings.MinPollingInterval)
        {
            problems.Add(new(path, "property 'extensions.queues.maxPollingInterval' must be at least 00:00:00.100."));
        }

        if (!string.Equals(settings.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(path, "property 'extensions.queues.messageEncoding' must be \"base64\": the app's queue client writes base64 messages."));
        }

        return settings;
    }

    private static int ReadInt(JObject section, string name, int fallback, int min, int max, string path, List<ConfigurationProblem> problems)
    {
        var token = section[name];
        if (token is null)
        {
            return fallback;
        }

        if (token.Type == JTokenType.Integer && (long)token >= min && (long)token <= max)
        {
            return (int)token;
        }

        problems.Add(new(path, $"property 'extensions.queues.{name}' must be an integer from {min} to {max}."));
        return fallback;
    }

    private static TimeSpan ReadTimeSpan(JObject section, string name, TimeSpan fallback, string path, List<ConfigurationProblem> problems)
    {
        var token = section[name];
        switch (token)
        {
            case null:
                return fallback;
            case JValue { Type: JTokenType.Integer } milliseconds when (long)milliseconds >= 0:
                return TimeSpan.FromMilliseconds((long)milliseconds);
            case JValue { Type: JTokenType.String } text
                when TimeSpan.TryParse((string)text!, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero:
                return value;
            default:
                problems.Add(new(path, $"property 'extensions.queues.{name}' must be a time span such as \"00:00:30\"."));
                return fallback;
        }
    }
}
