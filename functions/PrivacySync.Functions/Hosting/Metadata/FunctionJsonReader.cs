using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NCrontab;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>Reads one function.json and checks the binding properties the host would reject or misread.</summary>
internal static partial class FunctionJsonReader
{
    private static readonly string[] AuthLevels = ["anonymous", "function", "admin"];

    public static FunctionMetadata? Read(string name, string path, IConfiguration settings, List<ConfigurationProblem> problems)
    {
        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(path), new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonReaderException ex)
        {
            problems.Add(new(path, $"function.json is not valid JSON (line {ex.LineNumber}, position {ex.LinePosition})."));
            return null;
        }

        if (root["bindings"] is not JArray array || array.Count == 0)
        {
            problems.Add(new(path, "property 'bindings' must be a non-empty array."));
            return null;
        }

        var before = problems.Count;
        var bindings = new List<BindingMetadata>();
        for (var i = 0; i < array.Count; i++)
        {
            var binding = ReadBinding(array[i], $"bindings[{i}]", path, settings, problems);
            if (binding is not null)
            {
                bindings.Add(binding);
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        var triggers = bindings.Where(binding => binding.IsTrigger).ToList();
        if (triggers.Count != 1)
        {
            problems.Add(new(path, triggers.Count == 0
                ? "no trigger binding: exactly one binding must have a type ending in 'Trigger' (queueTrigger, timerTrigger, httpTrigger)."
                : "more than one trigger binding: a function has exactly one trigger."));
            return null;
        }

        var trigger = triggers[0];
        var queue = trigger.Is("queueTrigger") ? ReadQueueTrigger(trigger, path, settings, problems) : null;
        var timer = trigger.Is("timerTrigger") ? ReadTimerTrigger(trigger, path, problems) : null;
        var http = trigger.Is("httpTrigger") ? ReadHttpTrigger(trigger, name, path, problems) : null;
        if (queue is null && timer is null && http is null && problems.Count == before)
        {
            problems.Add(new(path, $"trigger type '{trigger.Type}' is not supported here; use queueTrigger, timerTrigger or httpTrigger."));
        }

        var outputs = new List<QueueOutput>();
        foreach (var output in bindings.Where(binding => binding.IsOutput && binding.Is("queue")))
        {
            var queueName = RequireQueueName(output, path, problems);
            var connection = ResolveConnection(output, path, settings, problems);
            if (queueName is not null && connection is not null)
            {
                outputs.Add(new QueueOutput(output.Name, queueName, connection));
            }
        }

        return problems.Count == before
            ? new FunctionMetadata(name, path, bindings, trigger, queue, timer, http, outputs)
            : null;
    }

    private static BindingMetadata? ReadBinding(JToken token, string where, string path, IConfiguration settings, List<ConfigurationProblem> problems)
    {
        if (token is not JObject properties)
        {
            problems.Add(new(path, $"{where} must be an object."));
            return null;
        }

        properties = (JObject)properties.DeepClone();
        var missing = new List<string>();
        foreach (var property in properties.Properties())
        {
            if (property.Value is JValue { Type: JTokenType.String } text)
            {
                property.Value = AppSettingExpressions.Resolve((string)text!, settings, missing);
            }
        }

        foreach (var setting in missing.Distinct(StringComparer.Ordinal))
        {
            problems.Add(new(path, $"{where} refers to app setting '%{setting}%', which is not set."));
        }

        var type = properties.Value<string>("type");
        var name = properties.Value<string>("name");
        var direction = properties.Value<string>("direction");
        if (string.IsNullOrWhiteSpace(type))
        {
            problems.Add(new(path, $"{where} has no 'type'."));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new(path, $"{where} has no 'name'."));
        }

        if (direction is not ("in" or "out" or "inout"))
        {
            problems.Add(new(path, $"{where} property 'direction' must be \"in\" or \"out\"."));
        }

        return missing.Count == 0 && !string.IsNullOrWhiteSpace(type) && !string.IsNullOrWhiteSpace(name) && direction is not null
            ? new BindingMetadata(name, type, direction, properties)
            : null;
    }

    private static QueueTrigger? ReadQueueTrigger(BindingMetadata trigger, string path, IConfiguration settings, List<ConfigurationProblem> problems)
    {
        var queueName = RequireQueueName(trigger, path, problems);
        var connection = ResolveConnection(trigger, path, settings, problems);
        return queueName is not null && connection is not null ? new QueueTrigger(queueName, connection) : null;
    }

    private static string? RequireQueueName(BindingMetadata binding, string path, List<ConfigurationProblem> problems)
    {
        var queueName = binding.Properties.Value<string>("queueName");
        if (string.IsNullOrWhiteSpace(queueName))
        {
            problems.Add(new(path, $"binding '{binding.Name}' ({binding.Type}) has no 'queueName'."));
            return null;
        }

        // Poison queues add "-poison", so leave room for it within the 63-character limit.
        if (queueName.Length is < 3 or > 56 || !QueueNamePattern().IsMatch(queueName))
        {
            problems.Add(new(path, $"binding '{binding.Name}' property 'queueName' ('{queueName}') is not a valid queue name: 3-56 lower-case letters, digits and single hyphens, starting and ending with a letter or digit."));
            return null;
        }

        return queueName;
    }

    /// <summary>The host reads 'connection' as an app setting name, also trying the AzureWebJobs prefix.</summary>
    private static string? ResolveConnection(BindingMetadata binding, string path, IConfiguration settings, List<ConfigurationProblem> problems)
    {
        var connection = binding.Properties.Value<string>("connection");
        // The default connection is checked once for the whole app, not per binding.
        if (string.IsNullOrWhiteSpace(connection) || connection is StorageSettings.SettingName or "Storage")
        {
            return StorageSettings.SettingName;
        }

        foreach (var candidate in new[] { connection, "AzureWebJobs" + connection })
        {
            // A connection string, or a section such as AzureWebJobsStorage__accountName for an identity-based one.
            if (!string.IsNullOrEmpty(settings[candidate]) || settings.GetSection(candidate).GetChildren().Any())
            {
                return candidate;
            }
        }

        problems.Add(new(path, $"binding '{binding.Name}' property 'connection' names app setting '{connection}', which is not set."));
        return null;
    }

    private static TimerTrigger? ReadTimerTrigger(BindingMetadata trigger, string path, List<ConfigurationProblem> problems)
    {
        var expression = trigger.Properties.Value<string>("schedule");
        if (string.IsNullOrWhiteSpace(expression))
        {
            problems.Add(new(path, $"binding '{trigger.Name}' (timerTrigger) has no 'schedule'."));
            return null;
        }

        // NCRONTAB: six fields with seconds ("0 0 2 * * *"); five fields are read without seconds, as the host does.
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var schedule = fields is 5 or 6
            ? CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            : null;
        if (schedule is null)
        {
            problems.Add(new(path, $"binding '{trigger.Name}' property 'schedule' ('{expression}') is not an NCRONTAB expression such as \"0 0 2 * * *\" (second minute hour day month day-of-week)."));
            return null;
        }

        return new TimerTrigger(expression, schedule, trigger.Properties.Value<bool?>("runOnStartup") ?? false);
    }

    private static HttpTrigger? ReadHttpTrigger(BindingMetadata trigger, string functionName, string path, List<ConfigurationProblem> problems)
    {
        var authLevel = trigger.Properties.Value<string>("authLevel") ?? "function";
        if (!AuthLevels.Contains(authLevel, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new(path, $"binding '{trigger.Name}' property 'authLevel' must be one of {string.Join(", ", AuthLevels)}."));
            return null;
        }

        var methodsToken = trigger.Properties["methods"];
        IReadOnlyList<string> methods = [];
        if (methodsToken is JArray methodArray && methodArray.All(item => item.Type == JTokenType.String))
        {
            methods = methodArray.Select(item => ((string)item!).ToUpperInvariant()).ToList();
        }
        else if (methodsToken is not null && methodsToken.Type != JTokenType.Null)
        {
            problems.Add(new(path, $"binding '{trigger.Name}' property 'methods' must be an array such as [\"get\", \"post\"]."));
            return null;
        }

        var route = trigger.Properties.Value<string>("route");
        return new HttpTrigger(authLevel.ToLowerInvariant(), methods, string.IsNullOrWhiteSpace(route) ? functionName : route.Trim('/'));
    }

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueNamePattern();
}
